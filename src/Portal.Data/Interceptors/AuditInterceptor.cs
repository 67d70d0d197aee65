using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Portal.Domain.Audit;
using Portal.Domain.Webhooks;

namespace Portal.Data.Interceptors;

/// <summary>
/// Writes the audit trail in the same transaction as the change it records, so no code path can forget it. The save runs
/// in a unit of work (<see cref="PortalDbContext.SaveChangesAsync(bool, CancellationToken)"/> opens one when the caller has
/// none), and the chain head is read under a write lock (SQLite's BEGIN IMMEDIATE, SQL Server's application lock) so that
/// concurrent writers, even on several portal instances, cannot fork it.
/// </summary>
public sealed class AuditInterceptor(TimeProvider clock) : SaveChangesInterceptor
{
    /// <summary>Synchronous saves are allowed only for unaudited data (the framework's data-protection keys).</summary>
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result) =>
        AuditEntryFactory.Collect((PortalDbContext)eventData.Context!, clock.GetUtcNow().UtcDateTime).Count == 0
            ? result
            : throw new InvalidOperationException("Audited changes are saved asynchronously so that the chain head is read under its lock: use SaveChangesAsync.");

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await SealAsync((PortalDbContext)eventData.Context!, cancellationToken);
        return result;
    }

    /// <summary>
    /// Adds to the save the audit events of its changes, sealed after the chain head, and their webhook outbox rows. Every save
    /// comes here: EF Core's through <see cref="SavingChangesAsync"/>, <see cref="PortalDbContext.SaveAddedAsync"/> directly.
    /// </summary>
    internal async Task SealAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        var events = AuditEntryFactory.Collect(db, clock.GetUtcNow().UtcDateTime);
        if (events.Count == 0)
        {
            return;
        }
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Audited changes are saved in a unit of work: PortalDbContext.SaveChangesAsync opens one, or InUnitOfWorkAsync.");
        }
        // Sealed from the chain head as it is now, under its lock: a unit run again seals again from the head it then finds.
        var head = await ChainHead.ReadLockedAsync(db, cancellationToken);
        foreach (var audit in events)
        {
            head = head.Seal(audit);
            db.AuditEvents.Add(audit);
        }
        db.SealedAuditEvents.AddRange(events);
        AnnounceWebhookEvents(db, events);
    }

    /// <summary>The webhook outbox rows for the events subscribers can ask for, written with the change so they commit or roll back with it.</summary>
    private static void AnnounceWebhookEvents(PortalDbContext db, List<AuditEvent> events)
    {
        foreach (var audit in events)
        {
            if (WebhookEventTypes.ForAuditAction(audit.Action) is { } type)
            {
                var announced = WebhookOutboxEvent.Announce(type, audit.Sequence, audit.EntityType, audit.EntityId, audit.ModelKey, audit.ActorName,
                    audit.OccurredAt);
                db.WebhookOutbox.Add(announced);
                db.AnnouncedWebhookEvents.Add(announced);
            }
        }
    }
}
