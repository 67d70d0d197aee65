namespace Portal.Domain.Fairness;

/// <summary>
/// A disparity between groups (Fairlearn's <c>between_groups</c>: difference = max − min, ratio = min / max),
/// with the groups at either end and the base rate it compares, so a failure can be said in words.
/// Undefined carries the reason instead of a value.
/// </summary>
public sealed record Disparity(
    double? Value,
    string? UndefinedReason,
    string BaseRate,
    string? LowestGroup = null,
    double? LowestRate = null,
    string? HighestGroup = null,
    double? HighestRate = null)
{
    public static Disparity Undefined(string baseRate, string reason) => new(null, reason, baseRate);
}

/// <summary>The six disparities the portal judges, per Fairlearn's fairness metrics.</summary>
public sealed record FairnessDisparities(
    Disparity DemographicParityDifference,
    Disparity DemographicParityRatio,
    Disparity EqualizedOddsDifference,
    Disparity EqualizedOddsRatio,
    Disparity EqualOpportunityDifference,
    Disparity EqualOpportunityRatio);
