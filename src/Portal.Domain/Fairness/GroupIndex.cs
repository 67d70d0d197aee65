namespace Portal.Domain.Fairness;

/// <summary>
/// Finds the tally of a row's group without allocating: each sensitive column's values are interned to
/// small numbers, and the group is reached by walking a tree with one level per column (node → child per
/// value id, in plain arrays), so intersections of any number of columns cost one lookup per column.
/// </summary>
internal sealed class GroupIndex
{
    private readonly string[] columns;
    private readonly ColumnValues[] values;
    private readonly List<int[]> children = [[]];
    private readonly List<ConfusionTally?> leaves = [null];
    private readonly List<(int[] ValueIds, ConfusionTally Tally)> groups = [];
    private readonly int[] path;
    private readonly int maxGroups;

    /// <param name="maxGroups">
    /// The most distinct values a sensitive column, and the most groups their intersection, may have: the
    /// count is checked as each new value arrives, so a column of identifiers is refused at its first
    /// value over the limit instead of after building a group for every row.
    /// </param>
    public GroupIndex(IReadOnlyList<string> columns, int maxGroups)
    {
        this.columns = [.. columns];
        this.maxGroups = maxGroups;
        values = [.. columns.Select(_ => new ColumnValues())];
        path = new int[columns.Count];
    }

    /// <summary>Step <paramref name="column"/> of the current row's walk from <paramref name="node"/> (0 = root); then <see cref="Tally"/>.</summary>
    public int Step(int node, int column, ReadOnlySpan<char> value, long row)
    {
        var id = values[column].Intern(value);
        if (id >= maxGroups)
        {
            throw new PredictionFileException(
                $"Row {row}: column '{columns[column]}' has more than {maxGroups:N0} distinct values; a sensitive column must hold groups " +
                "(such as sex or age band), not identifiers or raw numbers.", columns[column], row);
        }

        path[column] = id;
        var next = children[node];
        if (id >= next.Length)
        {
            Array.Resize(ref next, Math.Max(id + 1, next.Length * 2));
            children[node] = next;
        }

        if (next[id] == 0)
        {
            next[id] = children.Count;
            children.Add([]);
            leaves.Add(null);
        }

        return next[id];
    }

    public ConfusionTally Tally(int leaf, long row)
    {
        if (leaves[leaf] is not { } tally)
        {
            if (groups.Count >= maxGroups)
            {
                var names = string.Join(" × ", columns.Select(c => $"'{c}'"));
                throw new PredictionFileException(
                    $"Row {row}: the columns {names} together form more than {maxGroups:N0} groups; evaluate fewer sensitive columns at once.",
                    columns[^1], row);
            }

            tally = new ConfusionTally();
            leaves[leaf] = tally;
            groups.Add(([.. path], tally));
        }

        return tally;
    }

    public IReadOnlyList<(IReadOnlyList<FeatureValue> Features, ConfusionTally Tally)> Groups() =>
        [.. groups.Select(g => ((IReadOnlyList<FeatureValue>)[.. g.ValueIds.Select((id, c) => new FeatureValue(columns[c], values[c][id]))], g.Tally))];

    /// <summary>
    /// One column's distinct values. A 64-slot cache keyed by length and first and last character answers
    /// almost every cell with one array read and one comparison (sensitive features have few values);
    /// the span-keyed dictionary settles collisions and new values.
    /// </summary>
    private sealed class ColumnValues
    {
        private const int SlotMask = 63;
        private readonly List<string> known = [];
        private readonly int[] slots = [.. Enumerable.Repeat(-1, SlotMask + 1)];
        private readonly Dictionary<string, int> ids = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> lookup;

        public ColumnValues() => lookup = ids.GetAlternateLookup<ReadOnlySpan<char>>();

        public string this[int id] => known[id];

        public int Intern(ReadOnlySpan<char> value)
        {
            var slot = value.IsEmpty ? 0 : ((value.Length * 31) + (value[0] * 7) + value[^1]) & SlotMask;
            var cached = slots[slot];
            if (cached >= 0 && value.SequenceEqual(known[cached]))
            {
                return cached;
            }

            if (!lookup.TryGetValue(value, out var id))
            {
                var text = value.ToString();
                id = known.Count;
                known.Add(text);
                ids[text] = id;
            }

            slots[slot] = id;
            return id;
        }
    }
}
