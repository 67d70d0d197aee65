namespace Portal.Domain.Fairness;

/// <summary>
/// Computes a fairness evaluation from a predictions file in one streaming pass: memory grows with the
/// number of groups, never with the number of rows.
/// </summary>
public static class FairnessCalculator
{
    /// <summary>Groups with fewer rows than this are flagged as too small to judge unless told otherwise.</summary>
    public const int DefaultMinimumGroupSize = 30;

    /// <summary>The most distinct values per sensitive column (and groups in all) unless told otherwise.</summary>
    public const int DefaultMaxGroups = 1_000;

    public static FairnessResult Compute(
        TextReader csv,
        FairnessMapping mapping,
        int minimumGroupSize = DefaultMinimumGroupSize,
        int maxGroups = DefaultMaxGroups,
        CancellationToken cancellationToken = default)
    {
        var tallies = PredictionFileReader.Read(csv, mapping, maxGroups, cancellationToken);
        return Evaluate(tallies, minimumGroupSize);
    }

    public static FairnessResult Evaluate(GroupTallies tallies, int minimumGroupSize)
    {
        var groups = tallies.Groups
            .Select(g => GroupMetrics.From(g.Features, g.Tally, minimumGroupSize))
            .OrderBy(g => g.Features, FeatureOrder.Instance)
            .ToList();
        var overall = GroupMetrics.From([], tallies.Overall, minimumGroupSize);
        return new FairnessResult(tallies.SensitiveColumns, overall, groups, DisparityCalculator.Between(groups), minimumGroupSize);
    }

    private sealed class FeatureOrder : IComparer<IReadOnlyList<FeatureValue>>
    {
        public static readonly FeatureOrder Instance = new();

        public int Compare(IReadOnlyList<FeatureValue>? x, IReadOnlyList<FeatureValue>? y)
        {
            for (var i = 0; i < Math.Min(x!.Count, y!.Count); i++)
            {
                var order = string.CompareOrdinal(x[i].Value, y[i].Value);
                if (order != 0)
                {
                    return order;
                }
            }

            return x.Count.CompareTo(y.Count);
        }
    }
}
