using Portal.Domain.Access;

namespace Portal.Domain.Teams;

/// <summary>
/// Whose models an actor may assign owners of: an Admin any model, a Manager only the models whose team
/// (<c>Model.Team</c>, compared regardless of case) is a team they manage. Everyone else none.
/// </summary>
public static class TeamScope
{
    public static bool CanManageModelsOf(Actor actor, string modelTeam, IEnumerable<Team> teams)
    {
        if (!actor.Can(Permission.AssignOwners))
        {
            return false;
        }
        if (actor.Roles.Contains(PortalRoles.Admin))
        {
            return true;
        }
        var normalized = Team.Normalize(modelTeam);
        return actor.Roles.Contains(PortalRoles.Manager)
            && teams.Any(t => t.NameNormalized == normalized && t.IsManager(actor.Id));
    }
}
