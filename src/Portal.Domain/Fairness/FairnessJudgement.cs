using System.Globalization;

namespace Portal.Domain.Fairness;

/// <summary>One check of a policy that an evaluation failed, with the sentence a reader needs.</summary>
public sealed record FailedCheck(string Check, double? Measured, double Threshold, string Sentence);

/// <summary>Passed or failed against one version of a tier's policy, with every failed check.</summary>
public sealed record FairnessVerdict(bool Passed, IReadOnlyList<FailedCheck> Failures);

/// <summary>
/// Judges an evaluation against a policy: demographic parity ratio at least the minimum, demographic parity
/// and equalized odds differences at most the maximum, and every required sensitive feature evaluated.
/// A disparity that cannot be computed fails its check: an unmeasurable group is not shown to be treated fairly.
/// </summary>
public static class FairnessJudgement
{
    public const string DemographicParityRatio = "demographicParityRatio";
    public const string DemographicParityDifference = "demographicParityDifference";
    public const string EqualizedOddsDifference = "equalizedOddsDifference";
    public const string RequiredFeature = "requiredSensitiveFeature";

    public static FairnessVerdict Judge(FairnessResult result, FairnessThresholds policy)
    {
        var failures = new List<FailedCheck>();
        var d = result.Disparities;
        if (!(d.DemographicParityRatio.Value >= policy.MinDemographicParityRatio))
        {
            failures.Add(new(DemographicParityRatio, d.DemographicParityRatio.Value, policy.MinDemographicParityRatio,
                RatioSentence(d.DemographicParityRatio, policy.MinDemographicParityRatio)));
        }

        if (!(d.DemographicParityDifference.Value <= policy.MaxDemographicParityDifference))
        {
            failures.Add(new(DemographicParityDifference, d.DemographicParityDifference.Value, policy.MaxDemographicParityDifference,
                DifferenceSentence(d.DemographicParityDifference, policy.MaxDemographicParityDifference, "demographic parity difference")));
        }

        if (!(d.EqualizedOddsDifference.Value <= policy.MaxEqualizedOddsDifference))
        {
            failures.Add(new(EqualizedOddsDifference, d.EqualizedOddsDifference.Value, policy.MaxEqualizedOddsDifference,
                DifferenceSentence(d.EqualizedOddsDifference, policy.MaxEqualizedOddsDifference, "equalized odds difference")));
        }

        foreach (var feature in policy.RequiredSensitiveFeatures)
        {
            if (!result.SensitiveColumns.Contains(feature, StringComparer.OrdinalIgnoreCase))
            {
                failures.Add(new(RequiredFeature, null, 0,
                    $"The sensitive feature '{feature}' was not evaluated; policy requires it (evaluated: {string.Join(", ", result.SensitiveColumns)})."));
            }
        }

        return new FairnessVerdict(failures.Count == 0, failures);
    }

    private static string RatioSentence(Disparity ratio, double minimum) => ratio.Value is { } value
        ? $"{ratio.LowestGroup} are selected at {N(value)} times the rate of {ratio.HighestGroup} ({N(ratio.LowestRate)} vs {N(ratio.HighestRate)}); policy requires at least {N(minimum)}."
        : $"The demographic parity ratio cannot be computed: {ratio.UndefinedReason}; policy requires at least {N(minimum)}.";

    private static string DifferenceSentence(Disparity difference, double maximum, string name)
    {
        if (difference.Value is not { } value)
        {
            return $"The {name} cannot be computed: {difference.UndefinedReason}; policy allows at most {N(maximum)}.";
        }

        var what = difference.BaseRate == "selection rate" ? "are selected at a rate" : $"have a {difference.BaseRate}";
        return $"{difference.LowestGroup} {what} {N(value)} lower than {difference.HighestGroup} ({N(difference.LowestRate)} vs {N(difference.HighestRate)}); policy allows at most {N(maximum)} ({name}).";
    }

    private static string N(double? value) => value?.ToString("0.###", CultureInfo.InvariantCulture) ?? "undefined";
}
