using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace Portal.Data.Interceptors;

/// <summary>
/// Each SQLite connection waits for a busy writer instead of failing at once, enforces foreign keys, and reads the file
/// through a memory map (up to 1 GiB), which spares a system call and a copy for every page a query reads. These settings
/// belong to the physical connection and survive its return to the connection pool, so they are applied once per physical
/// connection (known by its native handle), not on every open.
/// </summary>
public sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    public const string Pragmas = "PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA mmap_size = 1073741824;";

    /// <summary>The physical connections already set up; an entry goes when its connection is closed for good and collected.</summary>
    private static readonly ConditionalWeakTable<sqlite3, object> SetUp = new();
    private static readonly object Done = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (NeedsSetUp(connection))
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
            Remember(connection);
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (NeedsSetUp(connection))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
            Remember(connection);
        }
    }

    private static bool NeedsSetUp(DbConnection connection) =>
        connection is not SqliteConnection { Handle: { } handle } || !SetUp.TryGetValue(handle, out _);

    /// <summary>Remembered only once the pragmas ran, so a connection whose set-up failed is set up again on its next open.</summary>
    private static void Remember(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle })
        {
            SetUp.AddOrUpdate(handle, Done);
        }
    }
}
