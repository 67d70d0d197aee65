namespace Portal.Domain.Fairness;

/// <summary>Everything computed from one predictions file: everyone, each group (sorted by its values), the disparities.</summary>
public sealed record FairnessResult(
    IReadOnlyList<string> SensitiveColumns,
    GroupMetrics Overall,
    IReadOnlyList<GroupMetrics> Groups,
    FairnessDisparities Disparities,
    int MinimumGroupSize);
