using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Web.Features.Inventory;

/// <summary>
/// The ids of models whose key, name or description contain a text, from SQLite's FTS5 trigram index (migration
/// ModelSearchIndex). Null where no index answers: on SQL Server, and for fewer than three characters (a trigram
/// index holds nothing shorter); the inventory then falls back to LIKE, which finds the same models.
/// </summary>
internal static class ModelTextSearch
{
    private const int TrigramLength = 3;

    public static IQueryable<int>? Matching(PortalDbContext db, string text)
    {
        if (!db.Database.IsSqlite() || text.Length < TrigramLength)
        {
            return null;
        }
        // One FTS5 phrase: the text matches as typed, quotes doubled, with no query syntax of its own.
        var phrase = "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        return db.Database.SqlQuery<int>($"SELECT rowid AS Value FROM ModelSearch WHERE ModelSearch MATCH {phrase}");
    }
}
