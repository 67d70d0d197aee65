using Portal.Domain.Access;
using Portal.Domain.Audit;

namespace Portal.Web.Features.Shared;

/// <summary>The service-layer authorization check: a denial is audited and explained, never silent.</summary>
public sealed class AccessGuard(AuditRecorder audit)
{
    public async Task EnsureAsync(Actor actor, Permission permission, string target, CancellationToken cancellationToken = default)
    {
        if (actor.Can(permission))
        {
            return;
        }
        var explanation = RolePermissions.ExplainDenial(actor.Roles, permission);
        await audit.RecordAsync(actor, AuditActions.AccessDenied, "Permission", permission.ToString(),
            new { target, reason = explanation }, cancellationToken: cancellationToken);
        throw new AccessDeniedException(permission, explanation);
    }
}
