using Portal.Domain.Audit;
using Portal.Domain.Inventory;
using Portal.Domain.Versions;

namespace Portal.Domain.Releases;

/// <summary>
/// Someone asks for one version of a model to go to Staging or Production. Reviewers sign it; when the approval policy
/// frozen with the request is met the version moves, a rejection closes it, and the requester may withdraw it while pending.
/// </summary>
public sealed class ReleaseRequest : IAuditedEntity
{
    public const int SummaryMaxLength = 2000;
    public const int RolloutPlanMaxLength = 4000;

    public int Id { get; private set; }
    public int ModelId { get; private set; }
    public string ModelKey { get; private set; } = "";
    public int VersionId { get; private set; }
    public string VersionLabel { get; private set; } = "";
    public VersionStage TargetStage { get; private set; }
    public string Summary { get; private set; } = "";
    public string RolloutPlan { get; private set; } = "";
    public string RequestedBy { get; private set; } = "";
    public string RequestedByName { get; private set; } = "";
    public DateTime RequestedAt { get; private set; }
    public ReleaseStatus Status { get; private set; }
    public DateTime? ClosedAt { get; private set; }
    public string? ClosedBy { get; private set; }

    /// <summary>Why the request was withdrawn when the requester did not do it themselves (e.g. "model retired").</summary>
    public string? WithdrawalReason { get; private set; }

    /// <summary>When the policy was met and the version moved.</summary>
    public DateTime? ApprovedAt { get; private set; }

    /// <summary>For a production release: when the approval is due for revalidation (the tier's period after approval).</summary>
    public DateTime? RevalidationDueAt { get; private set; }

    /// <summary>The model's risk tier when the request was made (frozen: a later change of the model's tier does not reach it).</summary>
    public RiskTier RiskTier { get; private set; }

    /// <summary>The approval policy's revision and terms when the request was made (frozen, see <see cref="FrozenPolicy"/>).</summary>
    public int PolicyRevision { get; private set; }

    public int PolicyRequiredSignOffs { get; private set; }
    public bool PolicyRequireAllGates { get; private set; }
    public bool PolicyRequireReviewerOutsideTeam { get; private set; }
    public int PolicyRevalidationMonths { get; private set; }

    /// <summary>The version of the tier's fairness policy in force when the request was made; the fairness gate judges by it.</summary>
    public int FairnessPolicyVersion { get; private set; }

    public FrozenPolicy Frozen => new(RiskTier, PolicyRevision,
        new ApprovalRules(PolicyRequiredSignOffs, PolicyRequireAllGates, PolicyRequireReviewerOutsideTeam, PolicyRevalidationMonths), FairnessPolicyVersion);

    public List<ReleaseSignature> Signatures { get; private set; } = [];
    public int Revision { get; private set; } = 1;

    public string AuditEntityType => "Release";
    public string AuditEntityId => Id == 0 ? $"{ModelKey}@{VersionLabel}" : $"release-{Id}";
    public string? AuditModelKey => ModelKey;
    public string? PendingAuditAction { get; private set; }

    public static ReleaseRequest Create(ModelVersion version, VersionStage target, string summary, string rolloutPlan,
        string requestedBy, string requestedByName, DateTime now, FrozenPolicy frozen) => new()
        {
            RiskTier = frozen.RiskTier,
            PolicyRevision = frozen.Revision,
            PolicyRequiredSignOffs = frozen.Rules.RequiredSignOffs,
            PolicyRequireAllGates = frozen.Rules.RequireAllGates,
            PolicyRequireReviewerOutsideTeam = frozen.Rules.RequireReviewerOutsideTeam,
            PolicyRevalidationMonths = frozen.Rules.RevalidationMonths,
            FairnessPolicyVersion = frozen.FairnessPolicyVersion,
            ModelId = version.ModelId,
            ModelKey = version.ModelKey,
            VersionId = version.Id,
            VersionLabel = version.Label,
            TargetStage = target,
            Summary = summary.Trim(),
            RolloutPlan = rolloutPlan.Trim(),
            RequestedBy = requestedBy,
            RequestedByName = requestedByName,
            RequestedAt = now,
            Status = ReleaseStatus.Pending,
            PendingAuditAction = "Release.Requested",
        };

    public void Withdraw(string byName, DateTime now, string? reason = null)
    {
        EnsurePending();
        WithdrawalReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        Close(ReleaseStatus.Withdrawn, byName, now, "Release.Withdrawn");
    }

    /// <summary>Adds a signature; the caller decides (through <see cref="ReleaseRules"/>) whether it approves or rejects the request.</summary>
    public void Sign(ReleaseSignature signature)
    {
        EnsurePending();
        Signatures.Add(signature);
        Revision++;
        PendingAuditAction = "Release.Reviewed";
    }

    public void Reject(string byName, DateTime now) => Close(ReleaseStatus.Rejected, byName, now, "Release.Rejected");

    /// <summary>The frozen policy is met: the request is approved (the version moves in the same save).</summary>
    public void Approve(string byName, DateTime now)
    {
        Close(ReleaseStatus.Approved, byName, now, "Release.Promoted");
        ApprovedAt = now;
        RevalidationDueAt = RevalidationDueFor(now);
    }

    /// <summary>A production approval is due for revalidation the frozen policy's period after it; other stages are not revalidated.</summary>
    public DateTime? RevalidationDueFor(DateTime approvedAt) =>
        TargetStage == VersionStage.Production ? approvedAt.AddMonths(PolicyRevalidationMonths) : null;

    public void ClearPendingAuditAction() => PendingAuditAction = null;

    private void EnsurePending()
    {
        if (Status != ReleaseStatus.Pending)
        {
            throw new InvalidOperationException($"Release request {Id} is already {Status.ToString().ToLowerInvariant()}; it can no longer change.");
        }
    }

    private void Close(ReleaseStatus status, string byName, DateTime now, string action)
    {
        EnsurePending();
        Status = status;
        ClosedAt = now;
        ClosedBy = byName;
        Revision++;
        PendingAuditAction = action;
    }
}
