using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Data.Interceptors;

namespace Portal.Benchmarks;

/// <summary>
/// A fresh SQLite file set up exactly as the portal sets up its own: AddPortalData from configuration,
/// then the real migrations (which also switch the file to WAL). Deleted again on dispose.
/// </summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    private readonly ServiceProvider services;
    private readonly ServiceProvider unpooled;

    private BenchDatabase(string filePath, string connectionString, ServiceProvider services)
    {
        FilePath = filePath;
        ConnectionString = connectionString;
        this.services = services;
        // For comparison, not the portal's wiring: the same options (provider, pragma and audit interceptors)
        // from a factory that builds every context anew, as the portal did before it pooled them.
        unpooled = new ServiceCollection()
            .AddSingleton(TimeProvider.System)
            .AddSingleton<AuditInterceptor>()
            .AddDbContextFactory<PortalDbContext>((provider, options) =>
            {
                DatabaseProvider.Configure(options, DatabaseProvider.Sqlite, connectionString);
                options.AddInterceptors(provider.GetRequiredService<AuditInterceptor>());
            })
            .BuildServiceProvider();
    }

    public static string Folder { get; } = Path.Combine(Path.GetTempPath(), $"portal-benchmarks-{Environment.ProcessId}");

    public string FilePath { get; }

    public string ConnectionString { get; }

    /// <summary>The portal's own factory, registered by AddPortalData (pooled contexts).</summary>
    public IDbContextFactory<PortalDbContext> Factory => services.GetRequiredService<IDbContextFactory<PortalDbContext>>();

    /// <summary>The same context options from a factory that builds each context anew (AddDbContextFactory), as before.</summary>
    public IDbContextFactory<PortalDbContext> UnpooledFactory => unpooled.GetRequiredService<IDbContextFactory<PortalDbContext>>();

    /// <summary>A fresh database; or, given <paramref name="seeded"/> that exists, a copy of that file (then migrated).</summary>
    public static async Task<BenchDatabase> CreateAsync(string name, string? seeded = null)
    {
        System.IO.Directory.CreateDirectory(Folder);
        var filePath = Path.Combine(Folder, $"{name}-{Guid.NewGuid():N}.db");
        if (seeded is not null && File.Exists(seeded))
        {
            File.Copy(seeded, filePath);
        }
        var connectionString = new SqliteConnectionStringBuilder { DataSource = filePath }.ToString();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Portal"] = connectionString })
            .Build();
        var services = new ServiceCollection().AddPortalData(configuration).BuildServiceProvider();
        await PortalDatabase.MigrateAsync(services);
        var database = new BenchDatabase(filePath, connectionString, services);
        // Build each factory's EF Core model now, so that no timed run pays for it.
        foreach (var factory in new[] { database.Factory, database.UnpooledFactory })
        {
            await using var db = await factory.CreateDbContextAsync();
            _ = db.Model;
        }
        return database;
    }

    /// <summary>
    /// A plain ADO.NET connection set up as the portal's own are: WAL is stored in the file, the rest
    /// (synchronous, busy timeout, memory map) is per connection, from SqlitePragmaInterceptor.
    /// </summary>
    public async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var pragmas = connection.CreateCommand();
        pragmas.CommandText = SqlitePragmaInterceptor.Pragmas;
        await pragmas.ExecuteNonQueryAsync();
        return connection;
    }

    /// <summary>
    /// Moves everything from the WAL into the main file and empties the WAL, as a long-lived database
    /// looks; run after bulk seeding so reads are not measured against a WAL the seeding just filled.
    /// </summary>
    public async Task CheckpointAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Keeps a copy of the file (checkpoint first) for a later run's <see cref="CreateAsync"/>.</summary>
    public void CopyTo(string path) => File.Copy(FilePath, path, overwrite: true);

    public async Task<long> CountAsync(string table)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = table switch
        {
            "Models" => "SELECT COUNT(*) FROM Models",
            "AuditEvents" => "SELECT COUNT(*) FROM AuditEvents",
            _ => throw new ArgumentException($"Unknown table {table}.", nameof(table)),
        };
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        await unpooled.DisposeAsync();
        // Pooled connections keep the file open; release them so it can be deleted.
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(FilePath + suffix);
        }
    }
}
