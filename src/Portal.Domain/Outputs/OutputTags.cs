namespace Portal.Domain.Outputs;

/// <summary>Column tags: three built in, more defined by an Admin. Tags are lower-case words so that policies match them exactly.</summary>
public static class OutputTags
{
    public const string Pii = "pii";
    public const string Sensitive = "sensitive";
    public const string Financial = "financial";

    public const int MaxLength = 40;

    public static readonly IReadOnlyList<string> BuiltIn = [Pii, Sensitive, Financial];

    public static string Normalize(string tag) => tag.Trim().ToLowerInvariant();

    /// <summary>Null when <paramref name="tag"/> (normalized) can be a tag name.</summary>
    public static string? Problem(string tag) =>
        tag.Length is 0 or > MaxLength || !tag.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_')
            ? $"'{tag}' is not a tag: use 1 to {MaxLength} lower-case letters, digits, '-' or '_'."
            : null;
}
