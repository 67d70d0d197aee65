namespace Portal.Domain.Fairness;

/// <summary>The weighted counts gathered in the single pass: one tally per group and one for everyone.</summary>
public sealed record GroupTallies(
    IReadOnlyList<string> SensitiveColumns,
    ConfusionTally Overall,
    IReadOnlyList<(IReadOnlyList<FeatureValue> Features, ConfusionTally Tally)> Groups);
