using System.Text;

namespace Portal.Domain.Directory;

/// <summary>
/// The SCIM filters identity providers send to find a person before creating them: one <c>attribute eq "value"</c>
/// comparison on userName, externalId or id (RFC 7644 §3.4.2.2). Anything else is refused, never guessed.
/// </summary>
public sealed record ScimFilter(string Attribute, string Value)
{
    public static readonly IReadOnlyList<string> Attributes = ["userName", "externalId", "id"];

    /// <summary>The filter, or an explanation of why it is not supported.</summary>
    public static (ScimFilter? Filter, string? Error) Parse(string text)
    {
        var trimmed = text.Trim();
        var firstSpace = trimmed.IndexOf(' ', StringComparison.Ordinal);
        if (firstSpace < 0)
        {
            return Refuse(text);
        }
        var attribute = Attributes.FirstOrDefault(a => string.Equals(a, trimmed[..firstSpace], StringComparison.OrdinalIgnoreCase));
        var rest = trimmed[firstSpace..].TrimStart();
        if (attribute is null || !rest.StartsWith("eq ", StringComparison.OrdinalIgnoreCase))
        {
            return Refuse(text);
        }
        var value = ReadString(rest[3..].Trim());
        return value is null ? Refuse(text) : (new ScimFilter(attribute, value), null);
    }

    private static (ScimFilter?, string?) Refuse(string text) =>
        (null, $"The filter '{text}' is not supported: use {string.Join(", ", Attributes.Select(a => $"{a} eq \"value\""))}.");

    /// <summary>A JSON string literal that is the whole rest of the filter, with its escapes resolved.</summary>
    private static string? ReadString(string literal)
    {
        if (literal.Length < 2 || literal[0] != '"' || literal[^1] != '"')
        {
            return null;
        }
        var value = new StringBuilder();
        for (var i = 1; i < literal.Length - 1; i++)
        {
            var c = literal[i];
            if (c == '"')
            {
                return null;
            }
            if (c == '\\')
            {
                if (++i >= literal.Length - 1)
                {
                    return null;
                }
                c = literal[i];
            }
            value.Append(c);
        }
        return value.ToString();
    }
}
