using Portal.Domain.Inventory;
using Portal.Domain.Versions;

namespace Portal.Domain.Releases;

/// <summary>
/// What a gate judges: one version of one model, asked for one stage, at one moment, under the risk tier and fairness
/// policy version frozen with the request.
/// </summary>
public sealed record ReleaseGateSubject(
    int ModelId,
    string ModelKey,
    RiskTier RiskTier,
    string Team,
    int VersionId,
    string VersionLabel,
    VersionStage TargetStage,
    DateTime AsOf,
    int FairnessPolicyVersion);
