using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Portal.Data;

namespace Portal.Web.Infrastructure;

/// <summary>
/// Keeps SQLite's planner statistics (sqlite_stat1) current: ANALYZE at start-up, then daily. Without them SQLite takes
/// any indexed equality to pick out a handful of rows, so "status = Validation" (a fifth of the inventory) is read
/// through its index and sorted whole, where walking the sort order's index finds the first page at once.
/// SQL Server keeps its own statistics.
/// </summary>
public sealed class SqliteStatistics(IDbContextFactory<PortalDbContext> dbFactory, ILogger<SqliteStatistics> logger) : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromDays(1);

    /// <summary>Analyzes each table in its own statement, so that writers wait for one table at most.</summary>
    public static async Task AnalyzeAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlite())
        {
            return;
        }
        // Table names come from the EF Core model, quoted by the provider.
        var quote = db.GetService<ISqlGenerationHelper>();
        var tables = db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct();
        foreach (var table in tables)
        {
            var analyze = "ANALYZE " + quote.DelimitIdentifier(table);
            await db.Database.ExecuteSqlRawAsync(analyze, cancellationToken);
        }
        // A connection reads the statistics when it loads the schema: pooled connections would keep the old ones.
        SqliteConnection.ClearPool((SqliteConnection)db.Database.GetDbConnection());
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period);
        do
        {
            try
            {
                await using var db = await dbFactory.CreateDbContextAsync(stoppingToken);
                await AnalyzeAsync(db, stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Stale statistics make some queries slower, never wrong: log and try again next time.
                logger.LogWarning(exception, "Refreshing SQLite's planner statistics failed.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
