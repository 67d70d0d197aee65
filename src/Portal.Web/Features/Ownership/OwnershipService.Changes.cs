using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Configurations;
using Portal.Domain.Access;
using Portal.Domain.Inventory;
using Portal.Domain.Ownership;
using Portal.Web.Features.Shared;

namespace Portal.Web.Features.Ownership;

public sealed partial class OwnershipService
{
    /// <summary>
    /// Runs one ownership change as one unit of work with its audit records (run again whole after a transient failure, so
    /// <paramref name="change"/> reads the owners itself). On SQLite the transaction takes the write lock at its start, so
    /// the owners read inside it cannot change before the commit; on SQL Server two writers can read the same owners, and
    /// the revision (optimistic concurrency) and the unique index on the active primary owner refuse the second.
    /// </summary>
    private async Task InTransactionAsync(PortalDbContext db, Actor actor, string modelKey, Func<Task> change,
        CancellationToken cancellationToken)
    {
        db.Actor = actor;
        try
        {
            await db.InUnitOfWorkAsync(change, cancellationToken: cancellationToken);
            flagScans.RequestScan($"ownership of {modelKey} changed");
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException($"The owners of {modelKey} were changed by someone else at the same moment; nothing was changed. Reload and try again.");
        }
        catch (DbUpdateException failed) when (DatabaseErrors.IsUniqueViolation(failed, OwnershipAssignmentConfiguration.OneActivePrimaryPerModel, db.Model))
        {
            throw new ConflictException($"Someone else assigned a primary owner of {modelKey} at the same moment; a model has exactly one. " +
                "Nothing was changed; reload to see who it is.");
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>
    /// Applies plans: first every ending, saved, then every new assignment, so that the unique index on the active
    /// primary never sees the old and the new primary at once, whatever order EF Core would pick for one save.
    /// </summary>
    private async Task<List<OwnerChange>> ApplyAsync(PortalDbContext db, IReadOnlyList<(Model Model, OwnerCandidate Person, AssignmentPlan Plan)> plans,
        Actor actor, string reason, CancellationToken cancellationToken)
    {
        var now = Now;
        var changes = new List<OwnerChange>();
        foreach (var (model, _, plan) in plans)
        {
            foreach (var ending in plan.Ends)
            {
                ending.End(actor.Name, reason, now);
                changes.Add(new OwnerChange(model.Key, model.Team, ending.OwnerSubject, ending.OwnerName, ending.Role, Ended: true));
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        foreach (var (model, person, plan) in plans)
        {
            if (plan.Adds is { } role)
            {
                db.OwnershipAssignments.Add(OwnershipAssignment.Assign(model.Id, model.Key, person.Subject, person.Name, role, actor.Name, reason, now));
                changes.Add(new OwnerChange(model.Key, model.Team, person.Subject, person.Name, role, Ended: false));
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        return changes;
    }
}
