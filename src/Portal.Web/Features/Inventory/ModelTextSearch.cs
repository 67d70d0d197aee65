using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Web.Features.Inventory;

/// <summary>
/// Candidate model ids from SQLite's FTS5 trigram index (migration ModelSearchIndex). Null where no index answers: on
/// SQL Server, and for fewer than three characters (a trigram index holds nothing shorter); the inventory then uses
/// LIKE and the tags' JSON, which find the same models.
/// </summary>
internal static class ModelTextSearch
{
    private const int TrigramLength = 3;

    /// <summary>Models whose key, name or description contain <paramref name="text"/>.</summary>
    public static IQueryable<int>? Containing(PortalDbContext db, string text) => Match(db, "{Key Name Description}", text);

    /// <summary>Models whose tags' text contains <paramref name="tag"/>: a superset of those with exactly that tag.</summary>
    public static IQueryable<int>? PossiblyTagged(PortalDbContext db, string tag) => Match(db, "Tags", tag);

    private static IQueryable<int>? Match(PortalDbContext db, string columns, string text)
    {
        if (!db.Database.IsSqlite() || text.Length < TrigramLength)
        {
            return null;
        }
        // One FTS5 phrase: the text matches as typed, quotes doubled, with no query syntax of its own.
        var query = columns + " : \"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        return db.Database.SqlQuery<int>($"SELECT rowid AS Value FROM ModelSearch WHERE ModelSearch MATCH {query}");
    }
}
