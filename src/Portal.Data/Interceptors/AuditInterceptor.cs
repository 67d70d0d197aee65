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
        AuditEntryFactory.Collect((PortalDbContext)eventData.Context!, Now).Count == 0
            ? result
            : throw new InvalidOperationException("Audited changes are saved asynchronously so that the chain head is read under its lock: use SaveChangesAsync.");

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        var db = (PortalDbContext)eventData.Context!;
        var (events, announced) = await SealAsync(db, AuditEntryFactory.Collect(db, Now), cancellationToken);
        db.AuditEvents.AddRange(events);
        db.WebhookOutbox.AddRange(announced);
        return result;
    }

    /// <summary>The sealed events and outbox rows of new rows that <see cref="PortalDbContext.InsertAuditedAsync{T}"/> writes untracked.</summary>
    internal Task<(List<AuditEvent> Events, List<WebhookOutboxEvent> Announced)> SealCreatedAsync<T>(PortalDbContext db, IReadOnlyList<T> rows,
        CancellationToken cancellationToken) where T : class, IAuditedEntity =>
        SealAsync(db, AuditEntryFactory.Created(db, rows, Now), cancellationToken);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// Seals the events after the chain head and announces their webhook outbox rows, for the save to write in its transaction.
    /// Every save comes here: EF Core's through <see cref="SavingChangesAsync"/>, which tracks them, and
    /// <see cref="PortalDbContext.InsertAuditedAsync{T}"/> through <see cref="SealCreatedAsync{T}"/>, which writes them untracked.
    /// The context remembers them until the save succeeds or fails.
    /// </summary>
    private static async Task<(List<AuditEvent> Events, List<WebhookOutboxEvent> Announced)> SealAsync(PortalDbContext db, List<AuditEvent> events,
        CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return ([], []);
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
        }
        db.SealedAuditEvents.AddRange(events);
        var announced = Announce(events);
        db.AnnouncedWebhookEvents.AddRange(announced);
        return (events, announced);
    }

    /// <summary>The webhook outbox rows for the events subscribers can ask for, written with the change so they commit or roll back with it.</summary>
    private static List<WebhookOutboxEvent> Announce(List<AuditEvent> events)
    {
        var announced = new List<WebhookOutboxEvent>();
        foreach (var audit in events)
        {
            if (WebhookEventTypes.ForAuditAction(audit.Action) is { } type)
            {
                announced.Add(WebhookOutboxEvent.Announce(type, audit.Sequence, audit.EntityType, audit.EntityId, audit.ModelKey, audit.ActorName,
                    audit.OccurredAt));
            }
        }
        return announced;
    }
}
