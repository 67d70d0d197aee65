namespace Portal.Web.Features.Shared;

/// <summary>Escapes user text for SQL LIKE so that '%' and '_' typed by a person match themselves.</summary>
public static class LikePattern
{
    public const string EscapeCharacter = "\\";

    public static string Escape(string text) =>
        text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
}
