namespace Portal.Domain.Fairness;

/// <summary>
/// Finds the tally of a row's group without allocating: each sensitive column's values are interned to
/// small numbers (looked up by span), and the group is reached by walking (node, value) pairs, one per
/// column, so intersections of any number of columns cost one lookup per column.
/// </summary>
internal sealed class GroupIndex
{
    private readonly string[] columns;
    private readonly Dictionary<string, int>[] valueIds;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>>[] lookups;
    private readonly List<string>[] values;
    private readonly Dictionary<(int Node, int Value), int> steps = [];
    private readonly Dictionary<int, ConfusionTally> leaves = [];
    private readonly List<(int[] ValueIds, ConfusionTally Tally)> groups = [];
    private readonly int[] path;
    private int nodes = 1;

    public GroupIndex(IReadOnlyList<string> columns)
    {
        this.columns = [.. columns];
        valueIds = [.. columns.Select(_ => new Dictionary<string, int>(StringComparer.Ordinal))];
        lookups = [.. valueIds.Select(d => d.GetAlternateLookup<ReadOnlySpan<char>>())];
        values = [.. columns.Select(_ => new List<string>())];
        path = new int[columns.Count];
    }

    /// <summary>Step <paramref name="column"/> of the current row's walk; call for each column in order, then <see cref="Tally"/>.</summary>
    public int Step(int node, int column, ReadOnlySpan<char> value)
    {
        if (!lookups[column].TryGetValue(value, out var id))
        {
            id = values[column].Count;
            var text = value.ToString();
            values[column].Add(text);
            valueIds[column][text] = id;
        }

        path[column] = id;
        if (!steps.TryGetValue((node, id), out var next))
        {
            next = nodes++;
            steps[(node, id)] = next;
        }

        return next;
    }

    public ConfusionTally Tally(int leaf)
    {
        if (!leaves.TryGetValue(leaf, out var tally))
        {
            tally = new ConfusionTally();
            leaves[leaf] = tally;
            groups.Add(([.. path], tally));
        }

        return tally;
    }

    public IReadOnlyList<(IReadOnlyList<FeatureValue> Features, ConfusionTally Tally)> Groups() =>
        [.. groups.Select(g => ((IReadOnlyList<FeatureValue>)[.. g.ValueIds.Select((id, c) => new FeatureValue(columns[c], values[c][id]))], g.Tally))];
}
