using Portal.Domain.Releases;
using Portal.Domain.Teams;

namespace Portal.Domain.Access;

/// <summary>
/// Who may write on a model (edit, retire, register a version, post a fairness evaluation, request a release): someone
/// holding the permission's role who is also one of its active owners (primary or backup) or a member or manager of its
/// team, or an Admin. A Manager therefore acts only on the teams they are in. A service token acts as a member of the teams
/// it is scoped to; an unscoped token acts on no team's models unless it holds Admin.
/// </summary>
public static class ModelWriteScope
{
    /// <summary>Null when the actor may perform <paramref name="permission"/> on the model; otherwise what is missing.</summary>
    public static string? Problem(Actor actor, Permission permission, ModelPeople people)
    {
        if (!actor.Can(permission))
        {
            return RolePermissions.ExplainDenial(actor.Roles, permission);
        }
        if (IsAdmin(actor) || InScope(actor, people))
        {
            return null;
        }
        var action = $"{RolePermissions.Describe(permission)} ({people.ModelKey}) needs an owner of the model, a member of its team or an Admin";
        return actor.TokenTeams is { } teams
            ? $"{action}; this service token is scoped to {TeamList(teams)}, not to team {people.Team}."
            : $"{action}; you are not an owner or a member of team {people.Team}.";
    }

    /// <summary>Null when the actor may register a model for <paramref name="team"/>: an Admin, a member or manager of it, or a token scoped to it.</summary>
    public static string? RegistrationProblem(Actor actor, string team, Team? teamRecord)
    {
        if (!actor.Can(Permission.RegisterModel))
        {
            return RolePermissions.ExplainDenial(actor.Roles, Permission.RegisterModel);
        }
        if (IsAdmin(actor) || teamRecord?.IsMember(actor.Id) == true || (actor.TokenTeams is { } teams && Covers(teams, team)))
        {
            return null;
        }
        var action = $"Registering a model for team {team.Trim()} needs a member or manager of that team or an Admin";
        return actor.TokenTeams is { } scoped
            ? $"{action}; this service token is scoped to {TeamList(scoped)}, not to team {team.Trim()}."
            : teamRecord is null
                ? $"{action}; there is no team named {team.Trim()} (an Admin creates teams)."
                : $"{action}; you are not a member of team {teamRecord.Name}.";
    }

    /// <summary>
    /// Whether the actor is one of the model's people: an owner or team member (a token too, when an Admin made its subject
    /// one), or a token scoped to the model's team. Roles aside.
    /// </summary>
    public static bool InScope(Actor actor, ModelPeople people) =>
        people.Owners.Contains(actor.Id) || people.TeamMembers.Contains(actor.Id) || (actor.TokenTeams is { } teams && Covers(teams, people.Team));

    private static bool IsAdmin(Actor actor) => actor.Roles.Contains(PortalRoles.Admin);

    private static bool Covers(IEnumerable<string> teams, string team) =>
        teams.Any(t => Team.Normalize(t) == Team.Normalize(team));

    private static string TeamList(IReadOnlySet<string> teams) =>
        teams.Count == 0 ? "no team" : "team(s) " + string.Join(", ", teams.Order(StringComparer.Ordinal));
}
