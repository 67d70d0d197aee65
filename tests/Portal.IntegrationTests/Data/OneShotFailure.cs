using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Portal.IntegrationTests.Data;

/// <summary>Fails the first command whose SQL contains <paramref name="sqlFragment"/> as SQLite does when the file stays locked (SQLITE_BUSY).</summary>
internal sealed class OneShotFailure(string sqlFragment) : DbCommandInterceptor
{
    public int Failures { get; private set; }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        if (Failures == 0 && command.CommandText.Contains(sqlFragment, StringComparison.Ordinal))
        {
            Failures++;
            throw new SqliteException("database is locked", 5);
        }
        return ValueTask.FromResult(result);
    }
}

/// <summary>Counts the transactions begun on a connection, to show that a save inside a unit of work joins its transaction.</summary>
internal sealed class TransactionCounter : DbTransactionInterceptor
{
    public int Started { get; private set; }

    public override ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData,
        InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        Started++;
        return ValueTask.FromResult(result);
    }
}
