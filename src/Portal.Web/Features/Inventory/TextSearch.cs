using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Web.Features.Inventory;

/// <summary>Which of SQLite's FTS5 indexes over key, name and description answers a search text.</summary>
internal enum TextIndex
{
    /// <summary>No index answers (SQL Server, or a text without a letter or digit): LIKE, the text anywhere.</summary>
    None,

    /// <summary>Three characters or more: the trigram index, the text anywhere (migration ModelSearchIndex).</summary>
    Trigram,

    /// <summary>
    /// One or two characters, which as a substring would match nearly everything: the word index, the text at the start
    /// of a word (migration ModelTagsAndWordSearch).
    /// </summary>
    WordStart,
}

/// <summary>
/// A search text and how to find it. <see cref="Broad"/> means the index finds at least the probe's limit of models:
/// looking up every one of them would cost more than checking the rows the rest of the query reads anyway.
/// </summary>
internal sealed record TextSearch(string Text, TextIndex Index, bool Broad)
{
    private const int TrigramLength = 3;

    /// <summary>Picks the index for the text and asks it, reading at most <paramref name="probeLimit"/> ids, whether the text is broad.</summary>
    public static async Task<TextSearch> PlanAsync(PortalDbContext db, string text, int probeLimit, CancellationToken cancellationToken)
    {
        var index = !db.Database.IsSqlite() ? TextIndex.None
            : text.Length >= TrigramLength ? TextIndex.Trigram
            : text.Any(char.IsLetterOrDigit) ? TextIndex.WordStart
            : TextIndex.None;
        var search = new TextSearch(text, index, Broad: false);
        if (search.Ids(db) is not { } ids)
        {
            return search;
        }
        // FTS5 yields its matches one by one, so the probe stops at the limit instead of reading a broad text's every match.
        var found = await ids.Take(probeLimit).CountAsync(cancellationToken);
        return search with { Broad = found >= probeLimit };
    }

    /// <summary>The ids of the models whose key, name or description the index finds; null where no index answers.</summary>
    public IQueryable<int>? Ids(PortalDbContext db)
    {
        // One FTS5 phrase: the text matches as typed, quotes doubled, with no query syntax of its own.
        var phrase = "{Key Name Description} : \"" + Text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        return Index switch
        {
            TextIndex.Trigram => db.Database.SqlQuery<int>($"SELECT rowid AS Value FROM ModelSearch WHERE ModelSearch MATCH {phrase}"),
            TextIndex.WordStart => db.Database.SqlQuery<int>($"SELECT rowid AS Value FROM ModelWords WHERE ModelWords MATCH {phrase + "*"}"),
            _ => null,
        };
    }
}
