using Portal.Domain.Access;
using Portal.Domain.Releases;

namespace Portal.Domain.EvidencePackages;

/// <summary>
/// Who may build a model's evidence package: whoever may read the whole model. Auditors, Compliance reviewers and Admins read
/// every model; Engineers and Managers only the models they own or whose team they are in. A service token is held to its
/// team scope (an Admin token aside), whatever its role, since an unscoped token acts on no team's models.
/// </summary>
public static class EvidenceAccess
{
    private static readonly string[] ReadEveryModel = [PortalRoles.Admin, PortalRoles.Auditor, PortalRoles.ComplianceReviewer];

    /// <summary>Null when the actor may build the package; otherwise what is missing.</summary>
    public static string? Problem(Actor actor, ModelPeople people)
    {
        if (!actor.Can(Permission.ExportEvidencePackage))
        {
            return RolePermissions.ExplainDenial(actor.Roles, Permission.ExportEvidencePackage);
        }
        var everyModel = actor.IsServiceToken ? actor.Roles.Contains(PortalRoles.Admin) : ReadEveryModel.Any(actor.Roles.Contains);
        if (everyModel || ModelWriteScope.InScope(actor, people))
        {
            return null;
        }
        var action = $"Building the evidence package of {people.ModelKey} needs an Auditor, a Compliance reviewer, an Admin, an owner of the model or a member of team {people.Team}";
        return actor.TokenTeams is { } teams
            ? $"{action}; this service token is scoped to {(teams.Count == 0 ? "no team" : string.Join(", ", teams.Order(StringComparer.Ordinal)))}."
            : $"{action}; you are none of these.";
    }
}
