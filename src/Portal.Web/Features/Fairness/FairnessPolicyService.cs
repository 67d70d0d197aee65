using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Access;
using Portal.Domain.Fairness;
using Portal.Domain.Inventory;
using Portal.Web.Features.Shared;

namespace Portal.Web.Features.Fairness;

/// <summary>Reads and changes the fairness policy of each risk tier. A change is a new, audited version.</summary>
public sealed class FairnessPolicyService(IDbContextFactory<PortalDbContext> dbFactory, AccessGuard guard, TimeProvider clock)
{
    /// <summary>The policy in force now for every tier, highest risk first.</summary>
    public async Task<IReadOnlyList<PolicyView>> CurrentAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, Permission.ReadModels, "fairness policies", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var all = await db.FairnessPolicies.AsNoTracking().ToListAsync(cancellationToken);
        return [.. RiskTiers.MostSevereFirst.Select(t => PolicyView.From(FairnessPolicy.InForce(all, t, now)))];
    }

    /// <summary>Every version of a tier's policy, newest first, ending with the built-in default.</summary>
    public async Task<IReadOnlyList<PolicyView>> HistoryAsync(Actor actor, RiskTier tier, CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, Permission.ReadModels, $"fairness policy {tier}", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var versions = await db.FairnessPolicies.AsNoTracking().Where(p => p.RiskTier == tier).OrderByDescending(p => p.Version).ToListAsync(cancellationToken);
        return [.. versions.Append(FairnessPolicy.Default(tier)).Select(PolicyView.From)];
    }

    public async Task<PolicyView> ChangeAsync(Actor actor, RiskTier tier, PolicyChangeRequest change, CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, Permission.ManageFairnessPolicy, $"fairness policy {tier}", cancellationToken);
        var thresholds = new FairnessThresholds(change.MinDemographicParityRatio, change.MaxDemographicParityDifference, change.MaxEqualizedOddsDifference,
            change.RequiredSensitiveFeatures ?? [], change.MaximumAgeDays);
        var errors = thresholds.Validate();
        if (FairnessPolicy.ReasonProblem(change.Reason) is { } reasonProblem)
        {
            errors["reason"] = [reasonProblem];
        }
        if (errors.Count > 0)
        {
            throw new InputRejectedException(errors);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var current = FairnessPolicy.InForce(await db.FairnessPolicies.Where(p => p.RiskTier == tier).ToListAsync(cancellationToken), tier, now);
        if (current.Version != change.ExpectedVersion)
        {
            throw Stale(current);
        }

        var next = current.Next(thresholds, actor.Name, change.Reason, now);
        db.FairnessPolicies.Add(next);
        db.Actor = actor;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The unique (tier, version) index: someone saved the same next version first.
            await using var fresh = await dbFactory.CreateDbContextAsync(cancellationToken);
            throw Stale(FairnessPolicy.InForce(await fresh.FairnessPolicies.AsNoTracking().Where(p => p.RiskTier == tier).ToListAsync(cancellationToken), tier, now));
        }

        return PolicyView.From(next);
    }

    /// <summary>The policy of a tier in force at a moment, for judging an evaluation made then.</summary>
    internal static async Task<FairnessPolicy> InForceAsync(PortalDbContext db, RiskTier tier, DateTime moment, CancellationToken cancellationToken) =>
        await db.FairnessPolicies.AsNoTracking()
            .Where(p => p.RiskTier == tier && p.EffectiveFrom <= moment)
            .OrderByDescending(p => p.Version)
            .FirstOrDefaultAsync(cancellationToken)
        ?? FairnessPolicy.Default(tier);

    private static ConflictException Stale(FairnessPolicy current) => new(
        $"The {current.RiskTier} fairness policy was changed by {current.ChangedBy} since you read it (now version {current.Version}). Reload it, then decide again.");
}
