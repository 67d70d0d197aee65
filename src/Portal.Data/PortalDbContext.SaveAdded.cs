using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Portal.Data.Interceptors;

namespace Portal.Data;

public sealed partial class PortalDbContext
{
    private const string SaveAddedSavepoint = "SaveAdded";

    /// <summary>
    /// Saves changes that only add rows (a flag scan's raised flags) with the guarantees of <see cref="SaveChangesAsync(bool, CancellationToken)"/>:
    /// in its unit of work (or the caller's), the audit interceptor seals their events after the chain head read under its
    /// lock and adds their webhook outbox rows. On SQLite the rows then go through one prepared statement per table
    /// (<see cref="SqliteRowInserter"/>), thousands of rows several times faster than EF Core's statement per row; elsewhere
    /// this is SaveChangesAsync. A failure rolls back every row of the save and is reported as a <see cref="DbUpdateException"/>.
    /// </summary>
    public async Task<int> SaveAddedAsync(CancellationToken cancellationToken = default)
    {
        if (!Database.IsSqlite())
        {
            return await SaveChangesAsync(cancellationToken);
        }
        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            // Added rows are written with their current values, so only the others are compared with their snapshots: a changed
            // one belongs in SaveChangesAsync.
            foreach (var entry in ChangeTracker.Entries().Where(e => e.State != EntityState.Added))
            {
                entry.DetectChanges();
            }
            if (ChangeTracker.Entries().Any(e => e.State is not (EntityState.Added or EntityState.Unchanged)))
            {
                throw new InvalidOperationException("SaveAddedAsync saves added rows only: save changed rows with SaveChangesAsync.");
            }
            var outer = Database.CurrentTransaction;
            await using var own = outer is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
            var written = await InsertAddedAsync(outer, cancellationToken);
            if (own is not null)
            {
                await own.CommitAsync(cancellationToken);
            }
            ChangeTracker.AcceptAllChanges();
            Settle();
            return written;
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = true;
        }
    }

    /// <summary>Seals and inserts; inside the caller's transaction a failure rolls back to before the save, as EF Core's savepoint does.</summary>
    private async Task<int> InsertAddedAsync(IDbContextTransaction? outer, CancellationToken cancellationToken)
    {
        if (outer is not null)
        {
            await outer.CreateSavepointAsync(SaveAddedSavepoint, cancellationToken);
        }
        try
        {
            await AuditInterceptor().SealAsync(this, cancellationToken);
            return SqliteRowInserter.Insert(this, [.. ChangeTracker.Entries().Where(e => e.State == EntityState.Added)]);
        }
        catch (Exception failed)
        {
            ForgetSealed();
            if (outer is not null)
            {
                await outer.RollbackToSavepointAsync(SaveAddedSavepoint, CancellationToken.None);
            }
            if (failed is SqliteException)
            {
                throw new DbUpdateException("An error occurred while saving the added rows. See the inner exception for details.", failed);
            }
            throw;
        }
    }

    private AuditInterceptor AuditInterceptor() =>
        this.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Interceptors?.OfType<AuditInterceptor>().SingleOrDefault()
        ?? throw new InvalidOperationException("The context has no audit interceptor: audited rows cannot be saved without it.");
}
