namespace Portal.Domain.Fairness;

/// <summary>
/// The published figures of an evaluation, the JSON the command line prints and the portal accepts as an
/// imported evaluation: count is rows, rates are weighted, an undefined value is null.
/// </summary>
public sealed record FairnessReport(GroupReport Overall, IReadOnlyList<GroupReport> Groups, DisparityReport Disparities)
{
    public static FairnessReport From(FairnessResult result) =>
        new(GroupReport.From(result.Overall), [.. result.Groups.Select(GroupReport.From)], DisparityReport.From(result.Disparities));
}

public sealed record GroupReport(
    IReadOnlyDictionary<string, string> Features,
    long Count,
    double? SelectionRate,
    double? TruePositiveRate,
    double? FalsePositiveRate,
    double? FalseNegativeRate,
    double? Accuracy)
{
    public static GroupReport From(GroupMetrics group) => new(
        group.Features.ToDictionary(f => f.Column, f => f.Value, StringComparer.Ordinal),
        group.Count,
        group.SelectionRate.Value,
        group.TruePositiveRate.Value,
        group.FalsePositiveRate.Value,
        group.FalseNegativeRate.Value,
        group.Accuracy.Value);
}

public sealed record DisparityReport(
    double? DemographicParityDifference,
    double? DemographicParityRatio,
    double? EqualizedOddsDifference,
    double? EqualizedOddsRatio,
    double? EqualOpportunityDifference,
    double? EqualOpportunityRatio)
{
    public static DisparityReport From(FairnessDisparities d) => new(
        d.DemographicParityDifference.Value,
        d.DemographicParityRatio.Value,
        d.EqualizedOddsDifference.Value,
        d.EqualizedOddsRatio.Value,
        d.EqualOpportunityDifference.Value,
        d.EqualOpportunityRatio.Value);
}
