using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Portal.Data.Interceptors;

/// <summary>
/// Writes the audit trail in the same transaction as the change it records, so no code path can
/// forget it. The chain head is read under a write lock (SQLite's BEGIN IMMEDIATE, SQL Server's
/// application lock) so that concurrent writers, even on several portal instances, cannot fork it.
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
        var db = (PortalDbContext)eventData.Context!;
        var events = AuditEntryFactory.Collect(db, clock.GetUtcNow().UtcDateTime);
        if (events.Count == 0)
        {
            return result;
        }
        if (db.Database.CurrentTransaction is null)
        {
            db.AuditTransaction = await db.Database.BeginTransactionAsync(cancellationToken);
        }
        var head = await ChainHead.ReadLockedAsync(db, cancellationToken);
        foreach (var audit in events)
        {
            head = head.Seal(audit);
            db.AuditEvents.Add(audit);
        }
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(
        SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        var db = (PortalDbContext)eventData.Context!;
        if (db.AuditTransaction is { } transaction)
        {
            db.AuditTransaction = null;
            await transaction.CommitAsync(cancellationToken);
            await transaction.DisposeAsync();
        }
        foreach (var entry in db.ChangeTracker.Entries<Domain.Audit.IAuditedEntity>())
        {
            entry.Entity.ClearPendingAuditAction();
        }
        return result;
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default) =>
        RollBackAsync(eventData.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default) =>
        RollBackAsync(eventData.Context);

    private static async Task RollBackAsync(DbContext? context)
    {
        if (context is PortalDbContext { AuditTransaction: { } transaction } db)
        {
            db.AuditTransaction = null;
            await transaction.RollbackAsync(CancellationToken.None);
            await transaction.DisposeAsync();
        }
    }
}
