namespace Portal.Domain.Versions;

/// <summary>A hyperparameter or metric: key, type (number, integer, boolean, text) and the value as invariant text.</summary>
public sealed record TypedValue(string Key, string Type, string Value)
{
    public const string Number = "number";
    public const string Integer = "integer";
    public const string Boolean = "boolean";
    public const string Text = "text";

    public static readonly IReadOnlyList<string> Types = [Number, Integer, Boolean, Text];
}
