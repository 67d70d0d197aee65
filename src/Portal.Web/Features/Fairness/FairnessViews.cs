using Portal.Domain.Fairness;
using Portal.Domain.Inventory;

namespace Portal.Web.Features.Fairness;

/// <summary>One evaluation as the list on the model page and the API show it.</summary>
public sealed record EvaluationSummary(
    int Id,
    string ModelKey,
    string VersionLabel,
    EvaluationSource Source,
    IReadOnlyList<string> SensitiveFeatures,
    long RowCount,
    string? FileName,
    DateTime EvaluatedAt,
    string EvaluatedBy,
    RiskTier RiskTier,
    int PolicyVersion,
    bool Passed,
    IReadOnlyList<FailedCheck> Failures)
{
    public static EvaluationSummary From(FairnessEvaluation e) => new(e.Id, e.ModelKey, e.VersionLabel, e.Source, [.. e.SensitiveFeatures], e.RowCount,
        e.FileName, e.EvaluatedAt, e.EvaluatedBy, e.RiskTier, e.PolicyVersion, e.Passed, e.Failures());
}

/// <summary>One evaluation with every figure and the thresholds of the policy version it was judged against.</summary>
public sealed record EvaluationDetail(EvaluationSummary Summary, FairnessResult Results, PolicyView Policy, string? Mapping, string ResultsSha256);

/// <summary>A version of a tier's fairness policy.</summary>
public sealed record PolicyView(
    RiskTier RiskTier,
    int Version,
    double MinDemographicParityRatio,
    double MaxDemographicParityDifference,
    double MaxEqualizedOddsDifference,
    IReadOnlyList<string> RequiredSensitiveFeatures,
    int MaximumAgeDays,
    DateTime? EffectiveFrom,
    string ChangedBy,
    string? Reason)
{
    public static PolicyView From(FairnessPolicy p) => new(p.RiskTier, p.Version, p.MinDemographicParityRatio, p.MaxDemographicParityDifference,
        p.MaxEqualizedOddsDifference, [.. p.RequiredSensitiveFeatures], p.MaximumAgeDays, p.IsBuiltIn ? null : p.EffectiveFrom, p.ChangedBy, p.Reason);
}

/// <summary>A policy change: the version it replaces (stale edits are refused), the new thresholds and why.</summary>
public sealed record PolicyChangeRequest(
    int ExpectedVersion,
    double MinDemographicParityRatio,
    double MaxDemographicParityDifference,
    double MaxEqualizedOddsDifference,
    IReadOnlyList<string>? RequiredSensitiveFeatures,
    int MaximumAgeDays,
    string? Reason);
