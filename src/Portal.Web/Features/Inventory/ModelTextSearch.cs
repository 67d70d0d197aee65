using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Web.Features.Inventory;

/// <summary>
/// Candidate model ids from SQLite's FTS5 indexes over key, name and description (migrations ModelSearchIndex and
/// ModelTagsAndWordSearch). A text of three characters or more is found anywhere, through the trigram index; a shorter
/// one, which as a substring would match nearly everything, is found at the start of a word, through the word index.
/// Null where no index answers (SQL Server, or a text without a letter or digit): the inventory then uses LIKE.
/// </summary>
internal static class ModelTextSearch
{
    private const int TrigramLength = 3;

    public static IQueryable<int>? Containing(PortalDbContext db, string text)
    {
        if (!db.Database.IsSqlite())
        {
            return null;
        }
        // One FTS5 phrase: the text matches as typed, quotes doubled, with no query syntax of its own.
        var phrase = "{Key Name Description} : \"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        if (text.Length >= TrigramLength)
        {
            return db.Database.SqlQuery<int>($"SELECT rowid AS Value FROM ModelSearch WHERE ModelSearch MATCH {phrase}");
        }
        return text.Any(char.IsLetterOrDigit)
            ? db.Database.SqlQuery<int>($"SELECT rowid AS Value FROM ModelWords WHERE ModelWords MATCH {phrase + "*"}")
            : null;
    }
}
