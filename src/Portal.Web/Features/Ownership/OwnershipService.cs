using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Access;
using Portal.Domain.Inventory;
using Portal.Domain.Ownership;
using Portal.Web.Features.Flags;
using Portal.Web.Features.Shared;

namespace Portal.Web.Features.Ownership;

/// <summary>
/// Owners of models: read them, assign and end roles, acknowledge one's own, hand everything over in bulk.
/// Every method checks its permission first; changes re-read the owners inside their transaction.
/// </summary>
public sealed partial class OwnershipService(IDbContextFactory<PortalDbContext> dbFactory, AccessGuard guard, OwnershipScope scope,
    TimeProvider clock, FlagScanRequests flagScans, OwnershipNotifications notify)
{
    public async Task<OwnersView> OwnersAsync(Actor actor, string key, CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, Permission.ReadModels, $"owners of model {key}", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var model = await FindModelAsync(db, key, cancellationToken);
        return await ReadOwnersAsync(db, model.Id, cancellationToken);
    }

    /// <summary>
    /// Gives a person an owner role. <paramref name="expectedPrimarySubject"/>, when given, is the primary owner the
    /// caller saw ("" for none): if someone changed it meanwhile, the assignment is refused rather than silently replacing theirs.
    /// </summary>
    public async Task<OwnersView> AssignAsync(Actor actor, string key, string? ownerSubject, OwnerRole role, string? reason,
        string? expectedPrimarySubject = null, CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, Permission.AssignOwners, $"owners of model {key}", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var model = await FindModelAsync(db, key, cancellationToken);
        await scope.EnsureCanManageAsync(db, actor, model, cancellationToken);
        EnsureNotRetired(model);
        var person = await PeopleDirectory.FindAsync(db, ownerSubject, cancellationToken);
        Reject(OwnershipRules.ValidateAssignment(ownerSubject, person, reason));

        var changes = new List<OwnerChange>();
        await InTransactionAsync(db, actor, model.Key, async () =>
        {
            var active = await ActiveAsync(db, model.Id, cancellationToken);
            EnsurePrimaryIs(active, expectedPrimarySubject, model.Key);
            var plan = Plan(() => OwnershipRules.PlanAssignment(active, person!, role));
            changes = await ApplyAsync(db, [(model, person!, plan)], actor, reason!, cancellationToken);
        }, cancellationToken);
        await notify.OwnersChangedAsync(actor, changes, reason!, cancellationToken);
        return await ReadOwnersAsync(db, model.Id, cancellationToken);
    }

    /// <summary>Ends a backup owner's role, with a reason. The primary owner is replaced, never just ended.</summary>
    public async Task<OwnersView> EndAsync(Actor actor, string key, string ownerSubject, string? reason, CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, Permission.AssignOwners, $"owners of model {key}", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var model = await FindModelAsync(db, key, cancellationToken);
        await scope.EnsureCanManageAsync(db, actor, model, cancellationToken);
        EnsureNotRetired(model);
        if (OwnershipRules.ReasonError(reason) is { } because)
        {
            throw InputRejectedException.For("reason", because);
        }

        OwnerChange? ended = null;
        await InTransactionAsync(db, actor, model.Key, async () =>
        {
            var active = await ActiveAsync(db, model.Id, cancellationToken);
            var held = Plan(() => OwnershipRules.PlanEnd(active, ownerSubject))
                ?? throw new NotFoundException($"'{ownerSubject}' holds no active owner role on {model.Key}.");
            held.End(actor.Name, reason!, Now);
            await db.SaveChangesAsync(cancellationToken);
            ended = new OwnerChange(model.Key, model.Team, held.OwnerSubject, held.OwnerName, held.Role, Ended: true);
        }, cancellationToken);
        await notify.OwnersChangedAsync(actor, [ended!], reason!, cancellationToken);
        return await ReadOwnersAsync(db, model.Id, cancellationToken);
    }

    /// <summary>The owner confirms they know they are accountable. Only their own active roles, and only once.</summary>
    public async Task<OwnersView> AcknowledgeAsync(Actor actor, string key, CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, Permission.ReadModels, $"ownership of model {key}", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var model = await FindModelAsync(db, key, cancellationToken);
        await InTransactionAsync(db, actor, model.Key, async () =>
        {
            var mine = (await ActiveAsync(db, model.Id, cancellationToken)).Where(a => a.OwnerSubject == actor.Id).ToList();
            if (mine.Count == 0)
            {
                throw new ConflictException($"You hold no owner role on {model.Key}, so there is nothing to acknowledge.");
            }
            var open = mine.Where(a => a.AcknowledgedAt is null).ToList();
            if (open.Count == 0)
            {
                throw new ConflictException($"You already acknowledged your ownership of {model.Key} on {mine[0].AcknowledgedAt:u}.");
            }
            open.ForEach(a => a.Acknowledge(Now));
            await db.SaveChangesAsync(cancellationToken);
        }, cancellationToken);
        return await ReadOwnersAsync(db, model.Id, cancellationToken);
    }

    /// <summary>The signed-in person's active owner roles, with whether each is acknowledged.</summary>
    public async Task<IReadOnlyList<OwnedModelView>> MineAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, Permission.ReadModels, "my ownership", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await OwnedAsync(db, db.OwnershipAssignments.Where(a => a.OwnerSubject == actor.Id), cancellationToken);
    }

    /// <summary>Owner roles nobody has acknowledged yet, on the models of the teams the actor manages (every model for an Admin).</summary>
    public async Task<IReadOnlyList<OwnedModelView>> UnacknowledgedAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, Permission.AssignOwners, "unacknowledged ownership", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var managed = await OwnershipScope.ManagedTeamNamesAsync(db, actor, cancellationToken);
        var open = await OwnedAsync(db, db.OwnershipAssignments.Where(a => a.AcknowledgedAt == null), cancellationToken);
        return [.. open.Where(o => OwnershipScope.Covers(managed, o.Team))];
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private static async Task<IReadOnlyList<OwnedModelView>> OwnedAsync(PortalDbContext db, IQueryable<OwnershipAssignment> assignments,
        CancellationToken cancellationToken)
    {
        var rows = await assignments.AsNoTracking().Where(a => a.EndedAt == null)
            .Join(db.Models.AsNoTracking(), a => a.ModelId, m => m.Id, (a, m) => new OwnedModelView(m.Key, m.Name, m.Team,
                a.OwnerSubject, a.OwnerName, a.Role, a.AssignedAt, a.AssignedBy, a.Reason, a.AcknowledgedAt))
            .ToListAsync(cancellationToken);
        return [.. rows.OrderBy(r => r.ModelKey, StringComparer.OrdinalIgnoreCase).ThenBy(r => r.Role)];
    }

    private static async Task<OwnersView> ReadOwnersAsync(PortalDbContext db, int modelId, CancellationToken cancellationToken)
    {
        var all = await db.OwnershipAssignments.AsNoTracking().Where(a => a.ModelId == modelId).ToListAsync(cancellationToken);
        var history = all.OrderByDescending(a => a.EndedAt ?? a.AssignedAt).ThenByDescending(a => a.Id).Select(OwnerView.From).ToList();
        var active = all.Where(a => a.IsActive).OrderBy(a => a.Role).ThenBy(a => a.AssignedAt).Select(OwnerView.From).ToList();
        return new OwnersView(active, history);
    }

    private static Task<List<OwnershipAssignment>> ActiveAsync(PortalDbContext db, int modelId, CancellationToken cancellationToken) =>
        db.OwnershipAssignments.Where(a => a.ModelId == modelId && a.EndedAt == null).ToListAsync(cancellationToken);

    /// <summary>A retired model's owners stay as they were when it retired: its history answers audits, nobody runs it.</summary>
    private static void EnsureNotRetired(Model model)
    {
        if (model.Status == LifecycleStatus.Retired)
        {
            throw new ConflictException($"{model.Key} is retired; its owners are kept as they were at retirement and can no longer be changed.");
        }
    }

    private static async Task<Model> FindModelAsync(PortalDbContext db, string key, CancellationToken cancellationToken)
    {
        var normalized = ModelRules.NormalizeKey(key ?? "");
        return await db.Models.AsNoTracking().SingleOrDefaultAsync(m => m.KeyNormalized == normalized, cancellationToken)
            ?? throw new NotFoundException($"No model has the key '{key}'.");
    }

    private static void EnsurePrimaryIs(IEnumerable<OwnershipAssignment> active, string? expectedSubject, string modelKey)
    {
        if (expectedSubject is null)
        {
            return;
        }
        var primary = active.FirstOrDefault(a => a.Role == OwnerRole.Primary);
        if ((primary?.OwnerSubject ?? "") != expectedSubject.Trim())
        {
            throw new ConflictException(primary is null
                ? $"The primary owner of {modelKey} changed since you looked: it has none now. Reload and try again."
                : $"The primary owner of {modelKey} changed since you looked: it is now {primary.OwnerName}, assigned by {primary.AssignedBy} " +
                  $"on {primary.AssignedAt:u}. Reload and try again.");
        }
    }

    /// <summary>A rule's refusal of the current owners is a conflict: the request was sound but the state says no.</summary>
    private static T Plan<T>(Func<T> plan)
    {
        try
        {
            return plan();
        }
        catch (InvalidOperationException refused)
        {
            throw new ConflictException(refused.Message);
        }
    }

    private static void Reject(Dictionary<string, string[]> errors)
    {
        if (errors.Count > 0)
        {
            throw new InputRejectedException(errors);
        }
    }
}
