using System.Text.RegularExpressions;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Web.Features.Shared;

namespace Portal.Web.Features.Inventory;

/// <summary>Which text index over key, name and description answers a search text (SqliteDatabaseObjects, SqlServerStatements).</summary>
internal enum TextIndex
{
    /// <summary>
    /// No index answers (SQL Server without its full-text index, or a text without a letter or digit): LIKE, the text anywhere.
    /// </summary>
    None,

    /// <summary>SQLite, three characters or more: the trigram index, the text anywhere.</summary>
    Trigram,

    /// <summary>
    /// SQLite, one or two characters, which as a substring would match nearly everything: the word index, the text at the
    /// start of a word.
    /// </summary>
    WordStart,

    /// <summary>SQL Server with its full-text index: each word of the text at the start of a word (CONTAINS, a prefix term).</summary>
    FullText,
}

/// <summary>
/// A search text and how to find it. <see cref="Broad"/> means the models' index or the cards' finds at least the probe's limit of models:
/// looking up every one of them would cost more than checking the rows the rest of the query reads anyway.
/// </summary>
internal sealed partial record TextSearch(string Text, TextIndex Index, bool Broad)
{
    private const int TrigramLength = 3;

    /// <summary>Picks the index for the text and asks it, reading at most <paramref name="probeLimit"/> ids, whether the text is broad.</summary>
    public static async Task<TextSearch> PlanAsync(PortalDbContext db, string text, bool fullText, int probeLimit,
        CancellationToken cancellationToken)
    {
        var search = new TextSearch(text, IndexFor(db, text, fullText), Broad: false);
        if (search.Ids(db) is not { } ids)
        {
            return search;
        }
        // FTS5 yields its matches one by one in rowid order, so the probe stops at the limit instead of reading a broad
        // text's every match; the explicit order is that same order, and makes the limit well defined.
        var found = await ids.OrderBy(id => id).Take(probeLimit).CountAsync(cancellationToken);
        if (found < probeLimit)
        {
            // A text rare in keys, names and descriptions may be in most cards ("intended use"): the cards' index is asked the same.
            found = await search.CardIds(db).OrderBy(id => id).Take(probeLimit).CountAsync(cancellationToken);
        }
        return search with { Broad = found >= probeLimit };
    }

    /// <summary>The index that answers <paramref name="text"/>; <paramref name="fullText"/> says SQL Server's full-text index is there.</summary>
    public static TextIndex IndexFor(PortalDbContext db, string text, bool fullText)
    {
        var words = text.Any(char.IsLetterOrDigit);
        if (!db.Database.IsSqlite())
        {
            return fullText && words ? TextIndex.FullText : TextIndex.None;
        }
        return text.Length >= TrigramLength ? TextIndex.Trigram : words ? TextIndex.WordStart : TextIndex.None;
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
            TextIndex.FullText => db.Database.SqlQueryRaw<int>(SqlServerStatements.ModelIdsContaining,
                new SqlParameter(SqlServerStatements.SearchConditionParameter, ContainsCondition(Text))),
            _ => null,
        };
    }

    /// <summary>
    /// The ids of the models whose latest card revision holds the text, from the cards' own indexes as <see cref="Ids"/> reads
    /// the models': SQLite's FTS5 (SqliteDatabaseObjects.Statements), SQL Server's full-text index (SqlServerStatements);
    /// where no index answers, LIKE over the one text per model (the text anywhere), read once per query.
    /// </summary>
    public IQueryable<int> CardIds(PortalDbContext db)
    {
        var phrase = "SearchText : \"" + Text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        switch (Index)
        {
            case TextIndex.Trigram:
                return db.Database.SqlQuery<int>($"SELECT rowid AS Value FROM ModelCardSearch WHERE ModelCardSearch MATCH {phrase}");
            case TextIndex.WordStart:
                return db.Database.SqlQuery<int>($"SELECT rowid AS Value FROM ModelCardWords WHERE ModelCardWords MATCH {phrase + "*"}");
            case TextIndex.FullText:
                return db.Database.SqlQueryRaw<int>(SqlServerStatements.ModelIdsWithCardContaining,
                    new SqlParameter(SqlServerStatements.CardSearchConditionParameter, ContainsCondition(Text)));
        }
        var pattern = "%" + LikePattern.Escape(Text) + "%";
        return db.ModelCardStates.Where(s => EF.Functions.Like(s.SearchText, pattern, LikePattern.EscapeCharacter)).Select(s => s.ModelId);
    }

    /// <summary>Each word of the text as a prefix term, all of them required: "credit sco" is "credit*" AND "sco*".</summary>
    public static string ContainsCondition(string text) =>
        string.Join(" AND ", Words().Split(text).Where(w => w.Length > 0).Select(w => $"\"{w}*\""));

    [GeneratedRegex(@"[^\p{L}\p{Nd}]+")]
    private static partial Regex Words();
}
