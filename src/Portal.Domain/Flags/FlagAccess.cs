using Portal.Domain.Access;

namespace Portal.Domain.Flags;

/// <summary>
/// Who may acknowledge or snooze a flag: those who must act (the team's managers for ownership flags, the owners
/// otherwise), the managers of the model's team in every case, and compliance reviewers and Admins for any flag.
/// </summary>
public static class FlagAccess
{
    public static bool CanActOn(Actor actor, Flag flag, bool isTeamManager, bool isOwner)
    {
        if (actor.Roles.Contains(PortalRoles.Admin) || actor.Roles.Contains(PortalRoles.ComplianceReviewer))
        {
            return true;
        }
        if (isTeamManager && actor.Roles.Contains(PortalRoles.Manager))
        {
            return true;
        }
        return flag.WhoActs == FlagActors.Owners && isOwner;
    }

    /// <summary>Whether <paramref name="actor"/> sees every flag on the attention dashboard (not only their teams' and their own).</summary>
    public static bool SeesEverything(Actor actor) =>
        actor.Roles.Contains(PortalRoles.Admin) || actor.Roles.Contains(PortalRoles.ComplianceReviewer) || actor.Roles.Contains(PortalRoles.Auditor);
}
