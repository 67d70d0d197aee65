using Portal.Domain.Audit;
using Portal.Domain.Inventory;

namespace Portal.Domain.Releases;

/// <summary>
/// How a release of a model of one risk tier is approved: how many ComplianceReviewer sign-offs, whether every gate
/// must pass (or be covered by an exception), whether one reviewer must come from outside the model's team, and how
/// long a production approval lasts before revalidation. Admins change it; each change raises the revision and is audited.
/// </summary>
public sealed class ApprovalPolicy : IAuditedEntity
{
    public int Id { get; private set; }
    public RiskTier RiskTier { get; private set; }
    public int RequiredSignOffs { get; private set; }

    /// <summary>
    /// When false (Low by default) failing gates are shown to the reviewer but do not block approval; when true a
    /// failing gate blocks approval unless a valid exception covers it.
    /// </summary>
    public bool RequireAllGates { get; private set; }

    public bool RequireReviewerOutsideTeam { get; private set; }
    public int RevalidationMonths { get; private set; }
    public string ChangedBy { get; private set; } = "";
    public DateTime ChangedAt { get; private set; }
    public int Revision { get; private set; } = 1;

    public string AuditEntityType => "ApprovalPolicy";
    public string AuditEntityId => RiskTier.ToString();
    public string? AuditModelKey => null;
    public string? PendingAuditAction { get; private set; }

    public static ApprovalPolicy Default(RiskTier tier) => tier switch
    {
        RiskTier.Low => Create(tier, new ApprovalRules(1, RequireAllGates: false, RequireReviewerOutsideTeam: false, RevalidationMonths: 36)),
        RiskTier.Medium => Create(tier, new ApprovalRules(1, RequireAllGates: true, RequireReviewerOutsideTeam: false, RevalidationMonths: 24)),
        _ => Create(tier, new ApprovalRules(2, RequireAllGates: true, RequireReviewerOutsideTeam: true, RevalidationMonths: 12)),
    };

    public ApprovalRules Rules => new(RequiredSignOffs, RequireAllGates, RequireReviewerOutsideTeam, RevalidationMonths);

    /// <summary>Applies new rules; a change raises the revision (the audit trail keeps each version with before and after).</summary>
    public void Change(ApprovalRules rules, string changedBy, DateTime now)
    {
        if (ApprovalRules.Problems(rules).Select(p => p.Message).FirstOrDefault() is { } problem)
        {
            throw new InvalidOperationException(problem);
        }
        Apply(rules);
        ChangedBy = changedBy;
        ChangedAt = now;
        // A default reads as revision 1, so even its first stored change is revision 2.
        Revision++;
        PendingAuditAction = "ApprovalPolicy.Changed";
    }

    public void ClearPendingAuditAction() => PendingAuditAction = null;

    private static ApprovalPolicy Create(RiskTier tier, ApprovalRules rules)
    {
        var policy = new ApprovalPolicy { RiskTier = tier, ChangedBy = "default" };
        policy.Apply(rules);
        return policy;
    }

    private void Apply(ApprovalRules rules)
    {
        RequiredSignOffs = rules.RequiredSignOffs;
        RequireAllGates = rules.RequireAllGates;
        RequireReviewerOutsideTeam = rules.RequireReviewerOutsideTeam;
        RevalidationMonths = rules.RevalidationMonths;
    }
}

/// <summary>The settable part of an approval policy.</summary>
public sealed record ApprovalRules(int RequiredSignOffs, bool RequireAllGates, bool RequireReviewerOutsideTeam, int RevalidationMonths)
{
    public const int MaxSignOffs = 5;
    public const int MaxRevalidationMonths = 120;

    public static IEnumerable<(string Field, string Message)> Problems(ApprovalRules rules)
    {
        if (rules.RequiredSignOffs is < 1 or > MaxSignOffs)
        {
            yield return ("requiredSignOffs", $"Required sign-offs must be between 1 and {MaxSignOffs}.");
        }
        if (rules.RevalidationMonths is < 1 or > MaxRevalidationMonths)
        {
            yield return ("revalidationMonths", $"The revalidation period must be between 1 and {MaxRevalidationMonths} months.");
        }
    }
}
