using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Portal.Data;

/// <summary>
/// Runs a unit of work again when SQLite stayed busy or locked (SQLITE_BUSY, SQLITE_LOCKED and their extended codes, e.g.
/// a WAL snapshot that went stale) beyond the connection's busy timeout.
/// </summary>
public sealed class SqliteRetryingExecutionStrategy(ExecutionStrategyDependencies dependencies)
    : ExecutionStrategy(dependencies, DefaultMaxRetryCount, TimeSpan.FromSeconds(5))
{
    protected override bool ShouldRetryOn(Exception exception) => DatabaseErrors.Classify(exception).IsRetryable;
}

/// <summary>SQL Server's transient errors, plus an audit-chain lock request that lost a deadlock (sp_getapplock -3).</summary>
public sealed class PortalSqlServerRetryingExecutionStrategy(ExecutionStrategyDependencies dependencies)
    : SqlServerRetryingExecutionStrategy(dependencies, DefaultMaxRetryCount, DefaultMaxDelay, errorNumbersToAdd: null)
{
    protected override bool ShouldRetryOn(Exception exception) =>
        base.ShouldRetryOn(exception) || DatabaseErrors.Classify(exception).IsRetryable;
}
