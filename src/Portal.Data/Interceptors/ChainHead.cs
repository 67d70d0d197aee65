using System.Data;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Audit;

namespace Portal.Data.Interceptors;

/// <summary>The last sealed event of the chain: the point the next event is appended after.</summary>
internal sealed record ChainHead(long Sequence, string Hash)
{
    /// <summary>Compiled: every audited save reads the head, and translating the query each time costs more than running it.</summary>
    private static readonly CompiledPerModel<Func<PortalDbContext, CancellationToken, Task<ChainHead?>>> LastSealed = new(() => EF.CompileAsyncQuery(
        (PortalDbContext db, CancellationToken _) => db.AuditEvents.AsNoTracking()
            .OrderByDescending(a => a.Sequence)
            .Select(a => new ChainHead(a.Sequence, a.Hash))
            .FirstOrDefault()));

    public static async Task<ChainHead> ReadLockedAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.IsSqlServer())
        {
            // SQLite serializes writers by BEGIN IMMEDIATE; SQL Server needs an explicit lock held to commit, and says by its
            // return code whether it granted it: a timeout, cancellation or deadlock must not let the write go on without it.
            var granted = new SqlParameter("@granted", SqlDbType.Int) { Direction = ParameterDirection.Output };
            await db.Database.ExecuteSqlRawAsync(SqlServerStatements.AuditChainLock, [granted], cancellationToken);
            AuditChainLockNotGrantedException.ThrowUnlessGranted((int)granted.Value);
        }
        var lastSealed = LastSealed.For(db);
        return await lastSealed(db, cancellationToken) ?? new ChainHead(0, AuditChain.GenesisHash);
    }

    public ChainHead Seal(AuditEvent audit)
    {
        AuditChain.Append(audit, Sequence, Hash);
        return new ChainHead(audit.Sequence, audit.Hash);
    }
}
