using Portal.Domain.Inventory;
using Portal.Domain.Releases;
using Portal.Domain.Versions;
using Portal.Web.Features.Versions;

namespace Portal.Web.Features.Releases;

/// <summary>A release request in a list, with the risk tier and approval policy revision frozen when it was made.</summary>
public sealed record ReleaseSummary(int Id, string ModelKey, string VersionLabel, VersionStage TargetStage, ReleaseStatus Status,
    string RequestedByName, DateTime RequestedAt, DateTime? ApprovedAt, DateTime? RevalidationDueAt, int SignatureCount, RiskTier RiskTier, int PolicyRevision)
{
    public static ReleaseSummary From(ReleaseRequest r) => new(r.Id, r.ModelKey, r.VersionLabel, r.TargetStage, r.Status, r.RequestedByName,
        r.RequestedAt, r.ApprovedAt, r.RevalidationDueAt, r.Signatures.Count, r.RiskTier, r.PolicyRevision);
}

/// <summary>A signature as shown wherever its request is shown, with whether it still verifies against the stored record.</summary>
public sealed record SignatureView(int Id, string SignerId, string SignerName, DateTime SignedAt, SignatureMeaning Meaning, string Reason,
    string SnapshotSha256, bool Verified);

public sealed record GateExceptionView(int Id, string Gate, string Justification, string RecordedByName, DateTime RecordedAt, DateTime ExpiresAt, bool Valid);

/// <summary>A gate's verdict now, and whether it blocks approval under the tier's policy.</summary>
public sealed record GateView(string Gate, string Title, bool Passed, string Reason, bool Excepted, bool Blocking);

/// <summary>The champion (version now in the target stage) next to the requested one; metrics are comparable only on the same evaluation data.</summary>
public sealed record ChampionComparison(VersionView Champion, VersionComparison Comparison, bool Comparable);

/// <summary>
/// Everything a reviewer needs on one screen. <see cref="ReleaseDetail.RiskTier"/>, <see cref="ReleaseDetail.Policy"/>, its revision and
/// the fairness policy version are those frozen when the request was made; <see cref="ReleaseDetail.JudgedBy"/> says so in words.
/// </summary>
public sealed record ReleaseDetail(
    int Id,
    string ModelKey,
    string ModelName,
    string Team,
    RiskTier RiskTier,
    VersionView Version,
    VersionStage TargetStage,
    string Summary,
    string RolloutPlan,
    string RequestedBy,
    string RequestedByName,
    DateTime RequestedAt,
    ReleaseStatus Status,
    DateTime? ClosedAt,
    string? ClosedBy,
    DateTime? ApprovedAt,
    DateTime? RevalidationDueAt,
    int Revision,
    ApprovalRules Policy,
    int PolicyRevision,
    int FairnessPolicyVersion,
    string JudgedBy,
    string? PolicyShortfall,
    IReadOnlyList<GateView> Gates,
    IReadOnlyList<GateExceptionView> Exceptions,
    ChampionComparison? Champion,
    IReadOnlyList<SignatureView> Signatures,
    ReleaseActions Actions);

/// <summary>
/// What the reader may do now; the service checks again when they do it. <see cref="HasSigningRole"/> says whether their role
/// signs at all (the signing form is shown only then); <see cref="SigningBlockedBecause"/> why they cannot sign this request.
/// </summary>
public sealed record ReleaseActions(bool CanWithdraw, bool CanRecordException, string? SigningBlockedBecause, bool HasSigningRole = true);

/// <summary>The CD gate check's answer.</summary>
public sealed record ApprovalCheck(bool Approved, IReadOnlyList<string> Reasons, int? RequestId, DateTime? ApprovedAt, DateTime? RevalidationDueAt);

/// <summary>
/// A model's current production version and the approved release that put it there (null fields when none did); <c>problem</c>
/// says why that approval does not hold when its signatures, recomputed, do not bear it out.
/// </summary>
public sealed record ProductionApproval(string ModelKey, string VersionLabel, int? RequestId, DateTime? ApprovedAt, DateTime? RevalidationDueAt, string? Problem);
