using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Access;
using Portal.Domain.Audit;
using Portal.Domain.Inventory;
using Portal.Domain.Teams;
using Portal.Web.Features.Shared;

namespace Portal.Web.Features.Ownership;

/// <summary>
/// The Manager's scope over ownership: the AssignOwners permission, and for a Manager also being a manager of the
/// model's team. A scope denial is audited like a permission denial and names the team.
/// </summary>
public sealed class OwnershipScope(IDbContextFactory<PortalDbContext> dbFactory, AccessGuard guard, AuditRecorder audit)
{
    public async Task EnsureCanManageAsync(PortalDbContext db, Actor actor, Model model, CancellationToken cancellationToken)
    {
        var target = $"owners of model {model.Key}";
        await guard.EnsureAsync(actor, Permission.AssignOwners, target, cancellationToken);
        if (TeamScope.CanManageModelsOf(actor, model.Team, await TeamsNamedAsync(db, model.Team, cancellationToken)))
        {
            return;
        }
        var explanation = $"Assigning owners of {model.Key} needs the Admin role or being a manager of its team '{model.Team}'; " +
            $"you are not a manager of '{model.Team}'.";
        await audit.RecordAsync(actor, AuditActions.AccessDenied, "Permission", nameof(Permission.AssignOwners),
            new { target, team = model.Team, reason = explanation }, model.Key, cancellationToken);
        throw new AccessDeniedException(Permission.AssignOwners, explanation);
    }

    /// <summary>Whether <paramref name="actor"/> may assign owners of a model of <paramref name="modelTeam"/>; for showing buttons, not audited.</summary>
    public async Task<bool> CanManageAsync(Actor actor, string modelTeam, CancellationToken cancellationToken = default)
    {
        if (!actor.Can(Permission.AssignOwners))
        {
            return false;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return TeamScope.CanManageModelsOf(actor, modelTeam, await TeamsNamedAsync(db, modelTeam, cancellationToken));
    }

    /// <summary>The normalized names of the teams <paramref name="actor"/> manages; null for an Admin, who manages every model.</summary>
    public static async Task<IReadOnlySet<string>?> ManagedTeamNamesAsync(PortalDbContext db, Actor actor, CancellationToken cancellationToken)
    {
        if (actor.Roles.Contains(PortalRoles.Admin))
        {
            return null;
        }
        if (!actor.Roles.Contains(PortalRoles.Manager))
        {
            return new HashSet<string>();
        }
        var names = await db.Teams.AsNoTracking()
            .Where(t => t.Members.Any(m => m.Subject == actor.Id && m.IsManager))
            .Select(t => t.NameNormalized)
            .ToListAsync(cancellationToken);
        return names.ToHashSet(StringComparer.Ordinal);
    }

    public static bool Covers(IReadOnlySet<string>? managed, string modelTeam) =>
        managed is null || managed.Contains(Team.Normalize(modelTeam));

    private static async Task<List<Team>> TeamsNamedAsync(PortalDbContext db, string name, CancellationToken cancellationToken)
    {
        var normalized = Team.Normalize(name);
        return await db.Teams.AsNoTracking().Where(t => t.NameNormalized == normalized).ToListAsync(cancellationToken);
    }
}
