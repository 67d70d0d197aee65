using Portal.Domain.Access;
using Portal.Domain.Audit;
using Portal.Web.Features.Shared;

namespace Portal.Web.Features.Webhooks;

/// <summary>
/// Only an Admin, as a person, manages webhooks: they send the portal's events outside it and a target can be pointed anywhere,
/// so a pipeline's token, even an Admin one, is refused. Every refusal is audited.
/// </summary>
public sealed class WebhookAdminGuard(AccessGuard guard, AuditRecorder audit)
{
    public async Task EnsureAsync(Actor actor, string target, CancellationToken cancellationToken)
    {
        await guard.EnsureAsync(actor, Permission.ManageWebhooks, target, cancellationToken);
        if (actor.IsServiceToken)
        {
            const string reason = "Webhooks are managed by an Admin as a person: a service token cannot manage them. Use the Webhooks page.";
            await audit.RecordAsync(actor, AuditActions.AccessDenied, "Permission", nameof(Permission.ManageWebhooks),
                new { target, reason }, cancellationToken: cancellationToken);
            throw new AccessDeniedException(Permission.ManageWebhooks, reason);
        }
    }
}
