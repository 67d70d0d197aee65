namespace Portal.Domain.Fairness;

/// <summary>
/// The metrics of one group (one combination of sensitive values) or of everyone. Count is rows;
/// the rates are weighted. TooSmall says the group has fewer rows than the minimum to judge it.
/// </summary>
public sealed record GroupMetrics(
    IReadOnlyList<FeatureValue> Features,
    long Count,
    double Weight,
    Rate SelectionRate,
    Rate TruePositiveRate,
    Rate FalsePositiveRate,
    Rate FalseNegativeRate,
    Rate Accuracy,
    bool TooSmall)
{
    /// <summary>"sex=female, race=black", or "everyone" for the overall row.</summary>
    public string Name => Features.Count == 0 ? "everyone" : string.Join(", ", Features.Select(f => $"{f.Column}={f.Value}"));

    public static GroupMetrics From(IReadOnlyList<FeatureValue> features, ConfusionTally tally, int minimumGroupSize)
    {
        var squares = tally.PositiveWeightSquares + tally.NegativeWeightSquares;
        return new GroupMetrics(
            features,
            tally.Rows,
            tally.Total,
            Rate.Of(tally.TruePositive + tally.FalsePositive, tally.Total, squares, "no rows with weight"),
            Rate.Of(tally.TruePositive, tally.Positives, tally.PositiveWeightSquares, "no positive labels"),
            Rate.Of(tally.FalsePositive, tally.Negatives, tally.NegativeWeightSquares, "no negative labels"),
            Rate.Of(tally.FalseNegative, tally.Positives, tally.PositiveWeightSquares, "no positive labels"),
            Rate.Of(tally.TruePositive + tally.TrueNegative, tally.Total, squares, "no rows with weight"),
            tally.Rows < minimumGroupSize);
    }
}

/// <summary>One sensitive column and this group's value in it.</summary>
public sealed record FeatureValue(string Column, string Value);
