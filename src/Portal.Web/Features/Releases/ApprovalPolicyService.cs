using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Access;
using Portal.Domain.Inventory;
using Portal.Domain.Releases;
using Portal.Web.Features.Shared;

namespace Portal.Web.Features.Releases;

/// <summary>Approval policies per risk tier: everyone reads them, an Admin changes them (revision-checked, audited).</summary>
public sealed class ApprovalPolicyService(IDbContextFactory<PortalDbContext> dbFactory, AccessGuard guard, TimeProvider clock)
{
    public async Task<IReadOnlyList<ApprovalPolicyView>> ListAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, Permission.ReadModels, "approval policies", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var stored = await db.ApprovalPolicies.AsNoTracking().ToListAsync(cancellationToken);
        return [.. RiskTiers.MostSevereFirst.Select(tier => ApprovalPolicyView.From(stored.SingleOrDefault(p => p.RiskTier == tier) ?? ApprovalPolicy.Default(tier)))];
    }

    /// <summary>Changes a tier's policy; <paramref name="expectedRevision"/> is the revision read (1 for a default never changed).</summary>
    public async Task<ApprovalPolicyView> ChangeAsync(Actor actor, RiskTier tier, ApprovalRules rules, int expectedRevision,
        CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, Permission.ManageApprovalPolicies, $"approval policy {tier}", cancellationToken);
        var problems = ApprovalRules.Problems(rules).ToList();
        if (problems.Count > 0)
        {
            throw new InputRejectedException(problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()));
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var policy = await db.ApprovalPolicies.SingleOrDefaultAsync(p => p.RiskTier == tier, cancellationToken);
        if (policy is null)
        {
            policy = ApprovalPolicy.Default(tier);
            db.ApprovalPolicies.Add(policy);
        }
        try
        {
            await RevisionedChange.ApplyAsync(db, actor, policy, policy.Revision != expectedRevision,
                p => p.Change(rules, actor.Name, clock.GetUtcNow().UtcDateTime), () => Task.FromResult(Stale(tier)), cancellationToken);
        }
        catch (DbUpdateException) when (policy.Id == 0)
        {
            // Two Admins changed a never-changed default at once; the unique tier index let one in.
            throw Stale(tier);
        }
        return ApprovalPolicyView.From(policy);
    }

    private static ConflictException Stale(RiskTier tier) =>
        new($"The {tier} approval policy was changed by someone else since you read it; reload it, then change it again.");
}

public sealed record ApprovalPolicyView(RiskTier RiskTier, int RequiredSignOffs, bool RequireAllGates, bool RequireReviewerOutsideTeam,
    int RevalidationMonths, string ChangedBy, DateTime? ChangedAt, int Revision)
{
    public static ApprovalPolicyView From(ApprovalPolicy p) => new(p.RiskTier, p.RequiredSignOffs, p.RequireAllGates, p.RequireReviewerOutsideTeam,
        p.RevalidationMonths, p.ChangedBy, p.Id == 0 ? null : p.ChangedAt, p.Revision);
}
