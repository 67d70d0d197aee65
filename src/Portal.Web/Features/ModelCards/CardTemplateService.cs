using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Access;
using Portal.Domain.Inventory;
using Portal.Domain.ModelCards;
using Portal.Web.Features.Shared;

namespace Portal.Web.Features.ModelCards;

/// <summary>The card template of each risk tier: read by anyone who reads models; changed by an Admin or Compliance reviewer as a new, audited version.</summary>
public sealed class CardTemplateService(IDbContextFactory<PortalDbContext> dbFactory, AccessGuard guard, TimeProvider clock)
{
    public static readonly IReadOnlyList<RiskTier> Tiers = RiskTiers.MostSevereFirst;

    public async Task<IReadOnlyList<TemplateView>> CurrentAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, Permission.ReadModels, "card templates", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var all = await db.CardTemplates.AsNoTracking().ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        return [.. Tiers.Select(t => TemplateView.From(CardTemplate.InForce(all, t, now)))];
    }

    public async Task<IReadOnlyList<TemplateView>> HistoryAsync(Actor actor, RiskTier tier, CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, Permission.ReadModels, $"card template {tier}", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var versions = await db.CardTemplates.AsNoTracking().Where(t => t.RiskTier == tier).OrderByDescending(t => t.Version).ToListAsync(cancellationToken);
        return [.. versions.Append(CardTemplate.Default(tier)).Select(TemplateView.From)];
    }

    public async Task<TemplateView> ChangeAsync(Actor actor, RiskTier tier, TemplateChangeRequest change, CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, Permission.ManageCardTemplates, $"card template {tier}", cancellationToken);
        var errors = CardTemplate.Validate(change.Requirements, change.Reason);
        if (change.ExpectedVersion is null)
        {
            errors["expectedVersion"] = ["Send the template version you read."];
        }
        if (errors.Count > 0)
        {
            throw new InputRejectedException(errors);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var current = CardTemplate.InForce(await db.CardTemplates.Where(t => t.RiskTier == tier).ToListAsync(cancellationToken), tier, now);
        if (current.Version != change.ExpectedVersion)
        {
            throw Stale(current);
        }
        var next = current.Next(change.Requirements!, actor.Name, change.Reason, now);
        db.CardTemplates.Add(next);
        // A changed template re-judges every card of its tier, in the same transaction.
        await CardStates.JudgeAsync(db, CardTemplate.InForce([current, next], tier, now), null, cancellationToken);
        db.Actor = actor;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            throw new ConflictException($"The {tier} card template was changed by someone else a moment ago. Reload it, then decide again.");
        }
        return TemplateView.From(next);
    }

    private static ConflictException Stale(CardTemplate current) => new(
        $"The {current.RiskTier} card template was changed by {current.ChangedBy} since you read it (now version {current.Version}). Reload it, then decide again.");
}
