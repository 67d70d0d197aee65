using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Access;
using Portal.Domain.Audit;
using Portal.Domain.Flags;
using Portal.Domain.Inventory;
using Portal.Domain.Teams;
using Portal.Web.Features.Shared;

namespace Portal.Web.Features.Flags;

public sealed partial class FlagService
{
    /// <summary>Says "I have seen this and am on it". Only those who may act on the flag (see <see cref="FlagAccess"/>).</summary>
    public Task<FlagView> AcknowledgeAsync(Actor actor, int id, CancellationToken cancellationToken = default) =>
        ActAsync(actor, id, "acknowledge", (flag, now) => flag.Acknowledge(actor.Name, now), cancellationToken);

    /// <summary>Hides the flag from attention lists until <paramref name="until"/> (future, at most 90 days); it still blocks releases.</summary>
    public async Task<FlagView> SnoozeAsync(Actor actor, int id, string? reason, DateTime? until, CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, Permission.ActOnFlags, $"flag {id}", cancellationToken);
        var errors = Flag.ValidateSnooze(reason, until?.ToUniversalTime(), clock.GetUtcNow().UtcDateTime);
        if (errors.Count > 0)
        {
            throw new InputRejectedException(errors);
        }
        return await ActAsync(actor, id, "snooze", (flag, now) => flag.Snooze(actor.Name, reason!, until!.Value.ToUniversalTime(), now), cancellationToken);
    }

    private async Task<FlagView> ActAsync(Actor actor, int id, string verb, Action<Flag, DateTime> act, CancellationToken cancellationToken)
    {
        await guard.EnsureAsync(actor, Permission.ActOnFlags, $"flag {id}", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var flag = await db.Flags.SingleOrDefaultAsync(f => f.Id == id, cancellationToken) ?? throw new NotFoundException($"No flag has the id {id}.");
        var model = await db.Models.AsNoTracking().SingleAsync(m => m.Id == flag.ModelId, cancellationToken);
        await EnsureMayActAsync(db, actor, flag, model, verb, cancellationToken);
        try
        {
            act(flag, clock.GetUtcNow().UtcDateTime);
            db.Actor = actor;
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (InvalidOperationException refused)
        {
            throw new ConflictException(refused.Message);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException($"The {flag.Rule} flag of {flag.ModelKey} was changed at the same moment (a scan or someone else); reload and try again.");
        }
        var row = await Rows(db).Where(r => r.Flag.Id == id).ToListAsync(cancellationToken);
        return (await ViewsAsync(db, actor, row, cancellationToken))[0];
    }

    /// <summary>Refuses (and audits) an actor who is neither among those who must act, a manager of the team, nor compliance or an Admin.</summary>
    private async Task EnsureMayActAsync(PortalDbContext db, Actor actor, Flag flag, Model model, string verb, CancellationToken cancellationToken)
    {
        var team = Team.Normalize(model.Team);
        var isManager = await db.Teams.AsNoTracking()
            .AnyAsync(t => t.NameNormalized == team && t.Members.Any(m => m.Subject == actor.Id && m.IsManager), cancellationToken);
        var isOwner = await db.OwnershipAssignments.AsNoTracking()
            .AnyAsync(a => a.ModelId == model.Id && a.EndedAt == null && a.OwnerSubject == actor.Id, cancellationToken);
        if (FlagAccess.CanActOn(actor, flag, isManager, isOwner))
        {
            return;
        }
        var who = flag.WhoActs == FlagActors.TeamManagers ? $"the managers of team '{model.Team}'" : $"the owners of {model.Key} or the managers of team '{model.Team}'";
        var explanation = $"Only {who}, compliance reviewers and Admins can {verb} the {flag.Rule} flag of {model.Key}.";
        await audit.RecordAsync(actor, AuditActions.AccessDenied, "Permission", nameof(Permission.ActOnFlags),
            new { target = $"flag {flag.Id}", reason = explanation }, model.Key, cancellationToken);
        throw new AccessDeniedException(Permission.ActOnFlags, explanation);
    }
}
