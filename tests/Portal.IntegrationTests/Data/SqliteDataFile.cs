using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using Portal.Data;
using Portal.Data.Interceptors;
using Portal.Domain.Audit;

namespace Portal.IntegrationTests.Data;

/// <summary>A migrated SQLite file and contexts over it, configured as the portal configures its own, without the web host.</summary>
internal sealed class SqliteDataFile : IAsyncDisposable
{
    private SqliteDataFile()
    {
    }

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"portal-data-{Guid.NewGuid():N}.db");

    public string ConnectionString => $"Data Source={Path};Pooling=False";

    public static async Task<SqliteDataFile> CreateAsync()
    {
        var file = new SqliteDataFile();
        await using var db = file.Context(retrying: false);
        await db.Database.MigrateAsync();
        return file;
    }

    /// <summary>A context with the portal's provider set-up, the audit interceptor and any extra interceptors.</summary>
    public PortalDbContext Context(bool retrying, params IInterceptor[] interceptors) =>
        Context(options => DatabaseProvider.Configure(options, DatabaseProvider.Sqlite, ConnectionString, retrying), interceptors);

    /// <summary>A context whose SQLite provider runs under <paramref name="strategy"/>.</summary>
    public PortalDbContext Context(Func<ExecutionStrategyDependencies, IExecutionStrategy> strategy) =>
        Context(options => options.UseSqlite(ConnectionString, sqlite => sqlite
            .MigrationsAssembly("Portal.Migrations.Sqlite")
            .ExecutionStrategy(strategy)), []);

    private static PortalDbContext Context(Action<DbContextOptionsBuilder> configure, IInterceptor[] interceptors)
    {
        var options = new DbContextOptionsBuilder<PortalDbContext>();
        configure(options);
        options.AddInterceptors(new AuditInterceptor(TimeProvider.System));
        options.AddInterceptors(interceptors);
        return new PortalDbContext(options.Options);
    }

    /// <summary>Every event, in order, and whether the chain over them verifies.</summary>
    public async Task<(List<AuditEvent> Events, bool Intact)> ChainAsync()
    {
        await using var db = Context(retrying: false);
        var events = await db.AuditEvents.AsNoTracking().OrderBy(a => a.Sequence).ToListAsync();
        var verifier = new ChainVerifier();
        var intact = events.All(verifier.Accept) && verifier.Complete().Intact;
        return (events, intact);
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(Path + suffix);
        }
        return ValueTask.CompletedTask;
    }
}
