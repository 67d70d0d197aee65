using Humanizer;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Audit;
using Portal.Domain.Webhooks;
using Portal.Web.Features.Notifications;

namespace Portal.Web.Features.Webhooks;

/// <summary>
/// Tells the Admin who subscribed a webhook, in the portal and so in their e-mail digest, that one of its deliveries failed for
/// good: nothing else would, and the receiver misses the event until someone redelivers it.
/// </summary>
public sealed class WebhookGiveUpNotifications(IDbContextFactory<PortalDbContext> dbFactory, NotificationService notifications)
{
    public const string Category = "Webhook";

    public async Task GaveUpAsync(WebhookDelivery delivery, int attempts, string? lastError, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var subscription = await db.WebhookSubscriptions.AsNoTracking().SingleAsync(s => s.Id == delivery.SubscriptionId, cancellationToken);
        if (await SubscriberAsync(db, subscription, cancellationToken) is { } subscriber)
        {
            await notifications.NotifyAsync([subscriber], Category,
                $"A webhook gave up: {delivery.EventType} to {subscription.Url}".Truncate(Domain.Notifications.Notification.TitleMax),
                ($"Delivery {delivery.Id} (message {delivery.MessageId}) failed {"time".ToQuantity(attempts)} over a day and is not tried again. " +
                    $"The last attempt: {lastError ?? "no answer"} Redeliver it from the subscription's delivery log once the receiver works.").Truncate(1000),
                "/admin/webhooks", cancellationToken);
        }
    }

    /// <summary>
    /// The subscription keeps its creator's name only; the subject is the actor of its creation's audit event (by the name too,
    /// for two subscriptions to one URL).
    /// </summary>
    private static Task<string?> SubscriberAsync(PortalDbContext db, WebhookSubscription subscription, CancellationToken cancellationToken)
    {
        var created = AuditEntityIds.Bounded(WebhookSubscription.CreationAuditEntityId(subscription.Url));
        return db.AuditEvents.AsNoTracking()
            .Where(a => a.Action == WebhookSubscription.SubscribedAction && a.EntityId == created && a.ActorName == subscription.CreatedBy)
            .OrderByDescending(a => a.Sequence).Select(a => a.ActorId).FirstOrDefaultAsync(cancellationToken);
    }
}
