using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Domain.Inventory;
using Portal.Domain.Webhooks;

namespace Portal.Web.Features.Webhooks;

/// <summary>
/// Fans committed outbox events out to the subscriptions that want them. One UPDATE claims a batch (only rows not yet dispatched)
/// in the same transaction that creates the deliveries, so with several instances each event is fanned out exactly once.
/// </summary>
public sealed class WebhookDispatcher(IDbContextFactory<PortalDbContext> dbFactory, IOptionsMonitor<WebhookOptions> options, TimeProvider clock)
{
    /// <summary>Fans out one batch; answers how many events this instance claimed.</summary>
    public async Task<int> DispatchAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var candidates = await db.WebhookOutbox.AsNoTracking().Where(e => e.DispatchedAt == null).OrderBy(e => e.Id)
            .Select(e => e.Id).Take(settings.BatchSize).ToListAsync(cancellationToken);
        if (candidates.Count == 0)
        {
            return 0;
        }
        var subscriptions = await db.WebhookSubscriptions.AsNoTracking().Where(s => s.Enabled).ToListAsync(cancellationToken);
        return await db.InUnitOfWorkAsync(async () =>
        {
            var claim = Guid.NewGuid();
            var now = clock.GetUtcNow().UtcDateTime;
            var claimed = await db.WebhookOutbox.Where(e => candidates.Contains(e.Id) && e.DispatchedAt == null)
                .ExecuteUpdateAsync(set => set.SetProperty(e => e.DispatchedAt, now).SetProperty(e => e.DispatchClaim, claim), cancellationToken);
            if (claimed == 0)
            {
                return 0;
            }
            var events = await db.WebhookOutbox.AsNoTracking().Where(e => e.DispatchClaim == claim).ToListAsync(cancellationToken);
            var models = await ModelsOfAsync(db, events, cancellationToken);
            foreach (var e in events)
            {
                var model = e.ModelKey is null ? null : models.GetValueOrDefault(e.ModelKey);
                var wanting = subscriptions.Where(s => s.Wants(e.Type, model?.Team, model?.RiskTier)).ToList();
                if (wanting.Count == 0)
                {
                    continue;
                }
                var body = WebhookEventBody.For(e, model?.Team, model?.RiskTier, settings.PortalUrl);
                db.WebhookDeliveries.AddRange(wanting.Select(s => WebhookDelivery.For(e, s.Id, body, now)));
            }
            await db.SaveChangesAsync(cancellationToken);
            return claimed;
        }, cancellationToken: cancellationToken);
    }

    private sealed record ModelFacts(string Team, RiskTier RiskTier);

    private static async Task<Dictionary<string, ModelFacts>> ModelsOfAsync(PortalDbContext db, List<WebhookOutboxEvent> events,
        CancellationToken cancellationToken)
    {
        var keys = events.Select(e => e.ModelKey).OfType<string>().Distinct().ToList();
        return await db.Models.AsNoTracking().Where(m => keys.Contains(m.Key))
            .ToDictionaryAsync(m => m.Key, m => new ModelFacts(m.Team, m.RiskTier), StringComparer.OrdinalIgnoreCase, cancellationToken);
    }
}
