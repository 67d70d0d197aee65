using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Web.Features.Flags;
using Portal.Web.Features.Notifications;
using Portal.Web.Features.Shared;
using Portal.Web.Infrastructure.Telemetry;

namespace Portal.Benchmarks;

/// <summary>
/// A full flag scan over the inventory (100,000 models in full size): the first scan (raises every flag, audited), the
/// routine scan that finds nothing new (what runs every hour), and a scan after one person left. Each prints its time and
/// the SQL commands EF Core sent, which must not grow with the number of models.
/// </summary>
internal static class FlagScanBenchmarks
{
    private const int RoutineRuns = 5;

    /// <summary>The scans run "on" this day: a year after the last registration, so dates spread over both sides of every threshold.</summary>
    private static readonly DateTime ScanDay = new(2026, 2, 1, 12, 0, 0, DateTimeKind.Utc);

    /// <param name="seedCache">
    /// With --seed-cache FILE: the seeded database is kept in FILE and reused by the next run (to iterate; the figures to
    /// report come from a run without it).
    /// </param>
    public static async Task RunAsync(Sizes sizes, string? seedCache = null)
    {
        Console.WriteLine();
        Console.WriteLine($"== Flag scan over {sizes.Models:N0} models (target: full scan < 2 s, queries independent of the model count) ==");
        var reuse = seedCache is not null && File.Exists(seedCache);
        await using var database = await BenchDatabase.CreateAsync("flags", reuse ? seedCache : null);
        // The inventory before its first scan, scanned once more at the end by the then warmed process.
        var unscanned = seedCache ?? Path.Combine(BenchDatabase.Folder, "flags-unscanned.db");
        if (!reuse)
        {
            await SampleData.SeedModelsAsync(database, sizes.Models);
            await SeedFlagFactsAsync(database);
            await database.CheckpointAsync();
            database.CopyTo(unscanned);
        }
        else
        {
            Console.WriteLine($"  (seeded database copied from {seedCache})");
        }
        await using var services = Services(database);
        var scanner = services.GetRequiredService<FlagScanner>();

        var first = await TimeScanAsync(scanner, "first scan (raises every flag, one audit event each)");
        Console.WriteLine($"    open flags after it: {string.Join(", ", first.OpenByRule.OrderBy(r => r.Key).Select(r => $"{r.Key} {r.Value:N0}"))}");
        var routine = new Samples();
        FlagScanSummary? last = null;
        for (var run = 0; run < RoutineRuns; run++)
        {
            last = await TimeScanAsync(scanner, $"routine scan {run + 1} (nothing changed)", routine);
        }
        if (last is not { Raised: 0, Resolved: 0 })
        {
            throw new InvalidOperationException("A scan right after another must change nothing.");
        }
        Console.WriteLine($"  routine scan: median {routine.Median,8:F0} ms, p95 {routine.P95,8:F0} ms over {RoutineRuns} runs  " +
            $"{(routine.Median < 2000 ? "MET" : "MISSED")} (< 2,000 ms)");
        await ExecuteAsync(database, "UPDATE Users SET IsActive = 0 WHERE Subject = 'person-011'");
        await TimeScanAsync(scanner, "scan after one owner left (~1 % of models change)");

        // The first scan above is also the process's first: it compiles the scan's queries and code. The same first scan over a
        // fresh copy of the inventory, now that they are compiled, shows what the scan itself costs.
        await using var again = await BenchDatabase.CreateAsync("flags-again", unscanned);
        await using var againServices = Services(again);
        await TimeScanAsync(againServices.GetRequiredService<FlagScanner>(), "first scan again, on a fresh copy (process warmed up)");
    }

    private static async Task<FlagScanSummary> TimeScanAsync(FlagScanner scanner, string label, Samples? into = null)
    {
        using var capture = new SqlCapture();
        var cpu = Environment.CpuUsage.TotalTime;
        var paused = GC.GetTotalPauseDuration();
        var allocated = GC.GetTotalAllocatedBytes();
        var started = Stopwatch.GetTimestamp();
        var summary = await scanner.ScanAsync("benchmark", default) ?? throw new InvalidOperationException("The scan was skipped: the lease was held.");
        var elapsed = Stopwatch.GetElapsedTime(started);
        into?.Add(elapsed);
        var commands = capture.Commands;
        Console.WriteLine($"  {label,-58} {elapsed.TotalMilliseconds,8:F0} ms (on-CPU {(Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds,6:F0} ms), " +
            $"{commands.Count} EF Core commands ({commands.Count(c => c.Sql.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase))} SELECT), " +
            $"raised {summary.Raised:N0}, resolved {summary.Resolved:N0}");
        Console.WriteLine($"  {"",-58} GC paused {(GC.GetTotalPauseDuration() - paused).TotalMilliseconds,6:F0} ms, allocated {(GC.GetTotalAllocatedBytes() - allocated) / 1e6:N0} MB");
        return summary;
    }

    /// <summary>The scanner as the portal wires it, over the benchmark's database, with the clock on <see cref="ScanDay"/>.</summary>
    private static ServiceProvider Services(BenchDatabase database) => new ServiceCollection()
        .AddSingleton(database.Factory)
        .AddSingleton<TimeProvider>(new FixedClock(ScanDay))
        .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
        .AddSingleton<AuditRecorder>()
        .AddSingleton<AccessGuard>()
        .AddPortalMetrics()
        .AddNotificationsFeature(new ConfigurationBuilder().Build())
        .AddFlagsFeature(new ConfigurationBuilder().Build())
        .BuildServiceProvider();

    /// <summary>
    /// What the scan reads besides models and owners: 100 people in the directory (the owners SampleData already
    /// seeded, the rest added here; 3 of them gone), owners who
    /// acknowledged within days (1 in 20 never did), and versions (one or two per model past development, the
    /// Production model's newest in Production) spread over the months before the scan.
    /// </summary>
    private static async Task SeedFlagFactsAsync(BenchDatabase database)
    {
        await ExecuteAsync(database, """
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 99)
            INSERT INTO Users (Subject, Name, Email, IsActive, Roles, Revision)
            SELECT printf('person-%03d', i), printf('Person %d', i), NULL, 1, 'Engineer', 1 FROM n
            WHERE printf('person-%03d', i) NOT IN (SELECT Subject FROM Users);
            UPDATE Users SET IsActive = 0 WHERE Subject IN ('person-007', 'person-042', 'person-077');
            UPDATE OwnershipAssignments SET AcknowledgedAt = datetime(AssignedAt, '+2 days') WHERE Id % 20 != 0;
            INSERT INTO ModelVersions (ModelId, ModelKey, Label, RegisteredAt, RegisteredBy, Stage, StageChangedAt, Revision, Hyperparameters, Metrics)
            SELECT Id, Key, '1.0.0', datetime(RegisteredAt, '+' || (Id % 60) || ' days'), 'bench', 'Archived', NULL, 1, '[]', '[]'
            FROM Models WHERE Status != 'Development';
            INSERT INTO ModelVersions (ModelId, ModelKey, Label, RegisteredAt, RegisteredBy, Stage, StageChangedAt, Revision, Hyperparameters, Metrics)
            SELECT Id, Key, '1.1.0', datetime(RegisteredAt, '+' || (60 + Id % 300) || ' days'), 'bench',
                   CASE WHEN Status = 'Production' THEN 'Production' ELSE 'None' END, datetime(RegisteredAt, '+' || (61 + Id % 300) || ' days'), 1, '[]', '[]'
            FROM Models WHERE Status != 'Development' AND Id % 2 = 0;
            UPDATE ModelVersions SET Stage = 'Production', StageChangedAt = RegisteredAt
            WHERE Label = '1.0.0' AND ModelId % 2 = 1 AND ModelId IN (SELECT Id FROM Models WHERE Status = 'Production');
            """);
    }

    private static async Task ExecuteAsync(BenchDatabase database, string sql)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private sealed class FixedClock(DateTime now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(now);
    }
}
