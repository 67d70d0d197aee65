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
    IReadOnlyList<FailedCheck> Failures,
    string SourceDescription,
    string? AttestedByName,
    DateTime? AttestedAt,
    string? AttestationReason)
{
    /// <summary>Imported figures that no reviewer vouched for yet: the release gate does not count them.</summary>
    public bool AwaitsAttestation => Source == EvaluationSource.Imported && AttestedAt is null;

    public static EvaluationSummary From(FairnessEvaluation e) => new(e.Id, e.ModelKey, e.VersionLabel, e.Source, [.. e.SensitiveFeatures], e.RowCount,
        e.FileName, e.EvaluatedAt, e.EvaluatedBy, e.RiskTier, e.PolicyVersion, e.Passed, e.Failures(), e.SourceDescription(), e.AttestedByName, e.AttestedAt,
        e.AttestationReason);
}

/// <summary>One evaluation with every figure and the thresholds of the policy version it was judged against.</summary>
public sealed record EvaluationDetail(EvaluationSummary Summary, FairnessResult Results, PolicyView Policy, string? Mapping, string ResultsSha256);

/// <summary>Body of <c>POST .../fairness-evaluations/{id}/attestation</c>: what the reviewer checked.</summary>
public sealed record AttestationRequest(string? Reason);

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
