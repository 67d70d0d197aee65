using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Portal.Data.Interceptors;
using Portal.Domain.Audit;

namespace Portal.Data;

public sealed partial class PortalDbContext
{
    private const string InsertSavepoint = "InsertAudited";

    /// <summary>
    /// Inserts new rows (a flag scan's raised flags) with the guarantees of <see cref="SaveChangesAsync(bool, CancellationToken)"/>:
    /// in its unit of work (or the caller's), each row's "created" event is sealed after the chain head read under its lock,
    /// with its webhook outbox row. The rows, events and outbox rows are not tracked: on SQLite they go through one prepared
    /// statement per table (<see cref="SqliteRowInserter"/>), thousands of rows several times faster than EF Core's statement
    /// per row and its change tracking; elsewhere through SaveChangesAsync. The rows get their generated keys. A failure rolls
    /// back every row of the save and is reported as a <see cref="DbUpdateException"/>.
    /// </summary>
    public async Task<int> InsertAuditedAsync<T>(IReadOnlyList<T> rows, CancellationToken cancellationToken = default) where T : class, IAuditedEntity
    {
        if (ChangeTracker.HasChanges() || PendingAuditEvents.Count > 0)
        {
            throw new InvalidOperationException("InsertAuditedAsync writes only the rows it is given: save the pending changes first.");
        }
        if (rows.Count == 0)
        {
            return 0;
        }
        int written;
        if (Database.IsSqlite())
        {
            var outer = Database.CurrentTransaction;
            await using var own = outer is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
            written = await InsertSealedAsync(rows, outer, cancellationToken);
            if (own is not null)
            {
                await own.CommitAsync(cancellationToken);
            }
        }
        else
        {
            Set<T>().AddRange(rows);
            written = await SaveChangesAsync(cancellationToken);
            foreach (var row in rows)
            {
                Entry(row).State = EntityState.Detached;
            }
        }
        Settle();
        foreach (var row in rows)
        {
            row.ClearPendingAuditAction();
        }
        return written;
    }

    /// <summary>Seals and inserts; inside the caller's transaction a failure rolls back to before the save, as EF Core's savepoint does.</summary>
    private async Task<int> InsertSealedAsync<T>(IReadOnlyList<T> rows, IDbContextTransaction? outer, CancellationToken cancellationToken)
        where T : class, IAuditedEntity
    {
        if (outer is not null)
        {
            await outer.CreateSavepointAsync(InsertSavepoint, cancellationToken);
        }
        try
        {
            var (events, announced) = await AuditInterceptor().SealCreatedAsync(this, rows, cancellationToken);
            return SqliteRowInserter.Insert(this, [.. rows, .. events, .. announced]);
        }
        catch (Exception failed)
        {
            ForgetSealed();
            if (outer is not null)
            {
                await outer.RollbackToSavepointAsync(InsertSavepoint, CancellationToken.None);
            }
            if (failed is SqliteException)
            {
                throw new DbUpdateException("An error occurred while inserting the rows. See the inner exception for details.", failed);
            }
            throw;
        }
    }

    private AuditInterceptor AuditInterceptor() =>
        this.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Interceptors?.OfType<AuditInterceptor>().SingleOrDefault()
        ?? throw new InvalidOperationException("The context has no audit interceptor: audited rows cannot be saved without it.");
}
