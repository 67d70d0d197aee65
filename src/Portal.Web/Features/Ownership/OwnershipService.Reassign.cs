using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Access;
using Portal.Domain.Inventory;
using Portal.Domain.Ownership;
using Portal.Web.Features.Shared;

namespace Portal.Web.Features.Ownership;

public sealed partial class OwnershipService
{
    /// <summary>
    /// Hands every owner role of <paramref name="fromSubject"/> (typically someone leaving) to <paramref name="toSubject"/>,
    /// over the models the actor may manage. A preview changes nothing; an apply changes all of them in one transaction, or none.
    /// </summary>
    public async Task<ReassignmentResult> ReassignAsync(Actor actor, string? fromSubject, string? toSubject, string? reason, bool preview,
        CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, Permission.AssignOwners, $"bulk reassignment from {fromSubject}", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var to = await PeopleDirectory.FindAsync(db, toSubject, cancellationToken);
        Reject(ValidateReassignment(fromSubject, toSubject, to, reason));
        var from = fromSubject!.Trim();

        if (preview)
        {
            return (await PlanReassignmentAsync(db, actor, from, to!, cancellationToken)).Result(applied: false);
        }
        ReassignmentPlan? planned = null;
        var changes = new List<OwnerChange>();
        await InTransactionAsync(db, actor, $"the models of {from}", async () =>
        {
            planned = await PlanReassignmentAsync(db, actor, from, to!, cancellationToken);
            changes = await ApplyAsync(db, planned.Steps, actor, reason!, cancellationToken);
        }, cancellationToken);
        await notify.OwnersChangedAsync(actor, changes, reason!, cancellationToken);
        return planned!.Result(applied: true);
    }

    private static Dictionary<string, string[]> ValidateReassignment(string? fromSubject, string? toSubject, OwnerCandidate? to, string? reason)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(fromSubject))
        {
            errors["fromSubject"] = ["Choose the person whose models are handed over."];
        }
        if (OwnershipRules.OwnerError(toSubject, to, "toSubject") is { } target)
        {
            errors["toSubject"] = [target];
        }
        else if (string.Equals(fromSubject?.Trim(), to!.Subject, StringComparison.Ordinal))
        {
            errors["toSubject"] = ["Choose someone other than the person handing over."];
        }
        if (OwnershipRules.ReasonError(reason) is { } because)
        {
            errors["reason"] = [because];
        }
        return errors;
    }

    /// <summary>Reads (tracked, inside the caller's transaction when applying) every active role of <paramref name="from"/> and plans its handover.</summary>
    private static async Task<ReassignmentPlan> PlanReassignmentAsync(PortalDbContext db, Actor actor, string from, OwnerCandidate to,
        CancellationToken cancellationToken)
    {
        var modelIds = db.OwnershipAssignments.Where(a => a.OwnerSubject == from && a.EndedAt == null).Select(a => a.ModelId);
        // Retired models keep the owners they had at retirement (see EnsureNotRetired).
        var models = await db.Models.AsNoTracking().Where(m => modelIds.Contains(m.Id) && m.Status != LifecycleStatus.Retired)
            .ToListAsync(cancellationToken);
        var managed = await OwnershipScope.ManagedTeamNamesAsync(db, actor, cancellationToken);
        var inScope = models.Where(m => OwnershipScope.Covers(managed, m.Team)).OrderBy(m => m.Key, StringComparer.OrdinalIgnoreCase).ToList();
        var ids = inScope.Select(m => m.Id).ToList();
        var active = (await db.OwnershipAssignments.Where(a => ids.Contains(a.ModelId) && a.EndedAt == null).ToListAsync(cancellationToken))
            .ToLookup(a => a.ModelId);

        var steps = new List<(Model, OwnerCandidate, AssignmentPlan)>();
        var changes = new List<ReassignmentChange>();
        foreach (var model in inScope)
        {
            if (OwnershipRules.PlanReassignment([.. active[model.Id]], from, to) is not { } plan)
            {
                continue;
            }
            var fromName = active[model.Id].First(a => a.OwnerSubject == from).OwnerName;
            steps.Add((model, to, plan));
            changes.Add(new ReassignmentChange(model.Key, model.Name, model.Team, plan.Role, from, fromName, to.Subject, to.Name,
                Describe(plan, fromName, to)));
        }
        var notManaged = models.Except(inScope).Select(m => m.Key).Order(StringComparer.OrdinalIgnoreCase).ToList();
        return new ReassignmentPlan(from, to.Subject, steps, changes, notManaged);
    }

    private static string Describe(AssignmentPlan plan, string fromName, OwnerCandidate to) => plan switch
    {
        { Role: OwnerRole.Primary, Ends.Count: > 1 } => $"{to.Name} becomes primary owner instead of {fromName} (their backup role ends).",
        { Role: OwnerRole.Primary } => $"{to.Name} becomes primary owner instead of {fromName}.",
        { Adds: null } => $"{fromName}'s backup role ends; {to.Name} is an owner already.",
        _ => $"{to.Name} becomes backup owner instead of {fromName}.",
    };

    private sealed record ReassignmentPlan(string From, string To, IReadOnlyList<(Model Model, OwnerCandidate Person, AssignmentPlan Plan)> Steps,
        IReadOnlyList<ReassignmentChange> Changes, IReadOnlyList<string> NotManaged)
    {
        public ReassignmentResult Result(bool applied) => new(From, To, applied, Changes, NotManaged);
    }
}
