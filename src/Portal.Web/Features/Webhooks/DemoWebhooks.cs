using Microsoft.Extensions.Options;
using Portal.Domain.Access;
using Portal.Domain.Webhooks;

namespace Portal.Web.Features.Webhooks;

/// <summary>
/// A demo subscription made through the feature's own services: Alice subscribes a loopback receiver (allowed only by the
/// Development configuration's <c>Webhooks:AllowedHosts</c>) to release and ownership events; the seeded events are fanned out
/// and sent once, nobody listens, so the delivery log shows the refused attempts; then she disables it so nothing keeps retrying.
/// </summary>
internal static class DemoWebhooks
{
    public const string ReceiverUrl = "http://127.0.0.1:9/portal-webhooks";

    private static readonly Actor Alice = new("demo-alice", "Alice Admin", new HashSet<string> { PortalRoles.Admin });

    public static async Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var options = services.GetRequiredService<IOptionsMonitor<WebhookOptions>>().CurrentValue;
        if (!TargetAddressPolicy.IsAllowListed("127.0.0.1", options.AllowedHosts))
        {
            return;
        }
        var subscriptions = services.GetRequiredService<WebhookSubscriptionService>();
        var created = await subscriptions.SubscribeAsync(Alice, new SubscriptionRequest(ReceiverUrl, "Demo: chat bridge on this machine (not running)",
            [WebhookEventTypes.ReleaseRequested, WebhookEventTypes.ReleaseSigned, WebhookEventTypes.ReleaseApproved, WebhookEventTypes.OwnerAssigned],
            null, null), cancellationToken);
        await services.GetRequiredService<WebhookDispatcher>().DispatchAsync(cancellationToken);
        await services.GetRequiredService<WebhookSender>().SendDueAsync(cancellationToken);
        await subscriptions.SetEnabledAsync(Alice, created.Subscription.Id, new SubscriptionStateRequest(false, created.Subscription.Revision),
            cancellationToken);
    }
}
