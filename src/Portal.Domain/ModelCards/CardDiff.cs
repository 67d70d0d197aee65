using DiffPlex;
using DiffPlex.Chunkers;

namespace Portal.Domain.ModelCards;

public enum DiffKind
{
    Same,
    Added,
    Removed,
}

/// <summary>A run of text that both revisions share, or one added or removed.</summary>
public sealed record DiffPiece(DiffKind Kind, string Text);

/// <summary>How one section differs between two revisions: the pieces in reading order and the words added and removed.</summary>
public sealed record SectionDiff(string Key, string Title, IReadOnlyList<DiffPiece> Pieces, int WordsAdded, int WordsRemoved)
{
    public bool Changed => WordsAdded > 0 || WordsRemoved > 0 || Pieces.Any(p => p.Kind != DiffKind.Same);
}

/// <summary>Word-level comparison of two revisions, section by section (DiffPlex over words, whitespace kept).</summary>
public static class CardDiff
{
    private static readonly WordChunker Words = new();

    /// <summary>Every section either revision holds, standard ones first; unchanged sections have one Same piece.</summary>
    public static IReadOnlyList<SectionDiff> Compare(IReadOnlyList<CardSection> left, IReadOnlyList<CardSection> right)
    {
        var keys = CardSections.Complete(left).Select(s => s.Key)
            .Concat(CardSections.Complete(right).Select(s => s.Key)).Distinct(StringComparer.Ordinal);
        return [.. keys.Select(key =>
        {
            var before = left.FirstOrDefault(s => s.Key == key);
            var after = right.FirstOrDefault(s => s.Key == key);
            var title = after?.Title ?? before?.Title ?? CardSections.StandardTitle(key) ?? key;
            return Section(key, title, before?.Markdown ?? "", after?.Markdown ?? "");
        })];
    }

    public static SectionDiff Section(string key, string title, string before, string after)
    {
        if (before == after)
        {
            return new(key, title, before.Length == 0 ? [] : [new DiffPiece(DiffKind.Same, before)], 0, 0);
        }
        var result = Differ.Instance.CreateDiffs(before, after, ignoreWhiteSpace: false, ignoreCase: false, Words);
        var pieces = new List<DiffPiece>();
        int added = 0, removed = 0, oldAt = 0;
        foreach (var block in result.DiffBlocks)
        {
            Append(pieces, DiffKind.Same, result.PiecesOld, oldAt, block.DeleteStartA - oldAt);
            removed += Append(pieces, DiffKind.Removed, result.PiecesOld, block.DeleteStartA, block.DeleteCountA);
            added += Append(pieces, DiffKind.Added, result.PiecesNew, block.InsertStartB, block.InsertCountB);
            oldAt = block.DeleteStartA + block.DeleteCountA;
        }
        Append(pieces, DiffKind.Same, result.PiecesOld, oldAt, result.PiecesOld.Count - oldAt);
        return new(key, title, pieces, added, removed);
    }

    /// <summary>Adds the pieces as one run (merged with a previous run of the same kind); returns the words among them.</summary>
    private static int Append(List<DiffPiece> pieces, DiffKind kind, IReadOnlyList<string> source, int start, int count)
    {
        if (count <= 0)
        {
            return 0;
        }
        var text = string.Concat(source.Skip(start).Take(count));
        if (pieces.Count > 0 && pieces[^1].Kind == kind)
        {
            pieces[^1] = pieces[^1] with { Text = pieces[^1].Text + text };
        }
        else
        {
            pieces.Add(new DiffPiece(kind, text));
        }
        return source.Skip(start).Take(count).Count(p => !string.IsNullOrWhiteSpace(p));
    }
}
