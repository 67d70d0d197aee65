using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Access;
using Portal.Domain.Audit;
using Portal.Domain.Webhooks;
using Portal.Web.Features.Shared;

namespace Portal.Web.Features.Webhooks;

/// <summary>The delivery log of a subscription, and an Admin's redelivery of one delivery (the same message id and body, sent again).</summary>
public sealed class WebhookDeliveryService(IDbContextFactory<PortalDbContext> dbFactory, WebhookAdminGuard admin, TimeProvider clock)
{
    public const int MaxLogSize = 200;

    public async Task<IReadOnlyList<DeliveryView>> LogAsync(Actor actor, int subscriptionId, int take = 50, CancellationToken cancellationToken = default)
    {
        await admin.EnsureAsync(actor, $"webhook subscription {subscriptionId}", cancellationToken);
        if (take is < 1 or > MaxLogSize)
        {
            throw InputRejectedException.For("take", $"Ask for 1 to {MaxLogSize} deliveries.");
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.WebhookSubscriptions.AnyAsync(s => s.Id == subscriptionId, cancellationToken))
        {
            throw new NotFoundException($"Webhook subscription {subscriptionId} does not exist.");
        }
        var deliveries = await db.WebhookDeliveries.AsNoTracking().Where(d => d.SubscriptionId == subscriptionId)
            .OrderByDescending(d => d.Id).Take(take).ToListAsync(cancellationToken);
        var ids = deliveries.Select(d => d.Id).ToList();
        var attempts = (await db.WebhookAttempts.AsNoTracking().Where(a => ids.Contains(a.DeliveryId)).ToListAsync(cancellationToken))
            .ToLookup(a => a.DeliveryId);
        return deliveries.Select(d => View(d, attempts[d.Id])).ToList();
    }

    /// <summary>Queues the delivery again as a new delivery (the log keeps both); audited, as sending data out again is a decision.</summary>
    public async Task<DeliveryView> RedeliverAsync(Actor actor, long deliveryId, CancellationToken cancellationToken = default)
    {
        await admin.EnsureAsync(actor, $"webhook delivery {deliveryId}", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var original = await db.WebhookDeliveries.AsNoTracking().SingleOrDefaultAsync(d => d.Id == deliveryId, cancellationToken)
            ?? throw new NotFoundException($"Webhook delivery {deliveryId} does not exist.");
        var again = original.Redeliver(clock.GetUtcNow().UtcDateTime);
        db.WebhookDeliveries.Add(again);
        // The redelivery and its audit event commit together.
        db.Record(new AuditEvent
        {
            ActorId = actor.Id,
            ActorName = actor.Name,
            Action = WebhookAuditActions.Redelivered,
            EntityType = "WebhookSubscription",
            EntityId = $"webhook-{original.SubscriptionId}",
            After = JsonSerializer.Serialize(new { delivery = original.Id, original.MessageId, original.EventType }),
        });
        await db.SaveChangesAsync(cancellationToken);
        return View(again, []);
    }

    private static DeliveryView View(WebhookDelivery d, IEnumerable<WebhookAttempt> attempts) => new(d.Id, d.SubscriptionId, d.MessageId, d.EventType,
        d.Status, d.Attempts, d.CreatedAt, d.NextAttemptAt, d.DeliveredAt, d.LastStatusCode, d.LastError, d.RedeliveryOf,
        attempts.OrderBy(a => a.Number).Select(a => new AttemptView(a.Number, a.AttemptedAt, a.StatusCode, a.LatencyMilliseconds, a.ResponseExcerpt,
            a.Error, a.Succeeded)).ToList());
}

/// <summary>Audit action names of webhooks that are not entity changes.</summary>
public static class WebhookAuditActions
{
    public const string Redelivered = "Webhook.Redelivered";

    /// <summary>The retry schedule gave up on a delivery (recorded by the portal, with the last error).</summary>
    public const string GaveUp = "Webhook.GaveUp";
}
