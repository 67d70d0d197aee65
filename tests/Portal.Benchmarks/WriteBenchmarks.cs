using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Access;
using Portal.Domain.Audit;
using Portal.Domain.Inventory;
using Portal.Web.Features.Inventory;
using Portal.Web.Features.Shared;

namespace Portal.Benchmarks;

/// <summary>
/// 1. Audited writes: one model and its audit event per transaction, through the portal's own path and,
/// for context, through bare ADO.NET so the portal's overhead over SQLite itself is visible.
/// </summary>
internal static class WriteBenchmarks
{
    private const double Target = 5_000;

    /// <summary>The issue's bound on the portal's own overhead: its write path at most this many times the hand-written one.</summary>
    private const double MaxRatio = 1.5;

    private delegate Task WriteLoop(BenchDatabase database, IReadOnlyList<ModelDetails> models, Samples? perWrite);

    public static async Task RunAsync(Sizes sizes)
    {
        Report.Section($"1. Audited writes, one model + one audit event per transaction (target >= {Target:N0}/s)");
        Report.Note("Each run: a fresh migrated WAL database, then the writes one after another (one writer, as the portal serializes them).");
        var portal = await MeasureAsync("EF Core SaveChangesAsync + AuditInterceptor", sizes, EfCoreAsync, writesAuditedModels: true, Target);
        await MeasureAsync("ModelService.RegisterAsync (adds key check)", sizes, ModelServiceAsync, writesAuditedModels: true, Target);
        await MeasureAsync("the same on a context built per write (unpooled)", sizes, EfCoreUnpooledAsync, writesAuditedModels: true);
        var hand = await MeasureAsync("ADO.NET, same statements (head, model, event)", sizes, RawSameStatementsAsync, writesAuditedModels: true);
        await MeasureAsync("ADO.NET, bare hash-chained event INSERT only", sizes, RawEventOnlyAsync, writesAuditedModels: false);
        var ratio = portal.Wall.Median / hand.Wall.Median;
        var cpuRatio = portal.Cpu.Median / hand.Cpu.Median;
        Report.Note($"portal / hand-written (time per write): {ratio:N2}x, on-CPU {cpuRatio:N2}x  target <= {MaxRatio}x: " +
            $"{(ratio <= MaxRatio ? "MET" : "MISSED")} (on-CPU: {(cpuRatio <= MaxRatio ? "MET" : "MISSED")})");
    }

    private static async Task<Timings> MeasureAsync(string label, Sizes sizes, WriteLoop loop, bool writesAuditedModels, double? target = null)
    {
        // Warm-up on its own database: JIT, EF Core model and query caches, SQLite's page cache code paths.
        await RunOnceAsync(Math.Min(2_000, sizes.Writes), loop, writesAuditedModels, perWrite: null);
        var runs = new Timings();
        var perWrite = new Samples();
        for (var run = 0; run < sizes.WriteRuns; run++)
        {
            await RunOnceAsync(sizes.Writes, loop, writesAuditedModels, perWrite, runs);
        }
        Report.Rate(label, sizes.Writes, runs, "writes", target);
        Report.Latency("  latency of one write", perWrite);
        return runs;
    }

    private static async Task RunOnceAsync(int count, WriteLoop loop, bool writesAuditedModels, Samples? perWrite, Timings? runs = null)
    {
        await using var database = await BenchDatabase.CreateAsync("writes");
        var random = new Random(7);
        var models = Enumerable.Range(0, count).Select(i => SampleData.Model(random, i, "w-")).ToList();
        Measure.SettleHeap();
        await Measure.TimeRunAsync(runs ?? new Timings(), () => loop(database, models, perWrite));
        // Prove the run did what it claims: every write landed and the chain it built verifies.
        AuditRows.EnsureIntact(await AuditRows.VerifyAsync(database), count, "write benchmark");
        if (writesAuditedModels && await database.CountAsync("Models") != count)
        {
            throw new InvalidOperationException("Write benchmark: not every model was stored.");
        }
    }

    /// <summary>Registers through the service as an Admin: the benchmark's teams have no members, and an Admin may register for any team.</summary>
    private static readonly Actor Registrar = new("bench-admin", "Bench Admin", new HashSet<string> { PortalRoles.Admin });

    /// <summary>The portal's write path: a (pooled) context from the factory per operation, Actor set, SaveChangesAsync.</summary>
    private static Task EfCoreAsync(BenchDatabase database, IReadOnlyList<ModelDetails> models, Samples? perWrite) =>
        SaveEachAsync(database.Factory, models, perWrite);

    private static Task EfCoreUnpooledAsync(BenchDatabase database, IReadOnlyList<ModelDetails> models, Samples? perWrite) =>
        SaveEachAsync(database.UnpooledFactory, models, perWrite);

    private static async Task SaveEachAsync(IDbContextFactory<PortalDbContext> factory, IReadOnlyList<ModelDetails> models, Samples? perWrite)
    {
        foreach (var details in models)
        {
            var start = Stopwatch.GetTimestamp();
            await using (var db = await factory.CreateDbContextAsync())
            {
                db.Actor = SampleData.Engineer;
                db.Models.Add(Model.Register(details, SampleData.Engineer.Name, DateTime.UtcNow));
                await db.SaveChangesAsync();
            }
            perWrite?.AddSince(start);
        }
    }

    private static async Task ModelServiceAsync(BenchDatabase database, IReadOnlyList<ModelDetails> models, Samples? perWrite)
    {
        var service = BenchmarkServices.Models(database.Factory);
        foreach (var details in models)
        {
            var start = Stopwatch.GetTimestamp();
            await service.RegisterAsync(Registrar, details);
            perWrite?.AddSince(start);
        }
    }

    /// <summary>
    /// What the interceptor makes SQLite do, hand-written with prepared commands: BEGIN IMMEDIATE, read
    /// the chain head, insert the model, insert the sealed event, commit. The JSON is pre-built.
    /// </summary>
    private static async Task RawSameStatementsAsync(BenchDatabase database, IReadOnlyList<ModelDetails> models, Samples? perWrite)
    {
        await using var connection = await database.OpenAsync();
        await using var head = connection.CreateCommand();
        head.CommandText = "SELECT Sequence, Hash FROM AuditEvents ORDER BY Sequence DESC LIMIT 1";
        head.Prepare();
        await using var insertModel = connection.CreateCommand();
        insertModel.CommandText = """
            INSERT INTO Models (Key, KeyNormalized, Name, Description, Team, RiskTier, Status, Tags, RegisteredAt, RegisteredBy, UpdatedAt, Revision)
            VALUES ($key, $keyNormalized, $name, $description, $team, $riskTier, $status, $tags, $now, $by, $now, 1) RETURNING Id
            """;
        foreach (var name in new[] { "$key", "$keyNormalized", "$name", "$description", "$team", "$riskTier", "$status", "$tags", "$now", "$by" })
        {
            insertModel.Parameters.Add(new SqliteParameter { ParameterName = name });
        }
        insertModel.Prepare();
        await using var insertEvent = AuditRows.PrepareInsert(connection);
        var index = 0;
        foreach (var details in models)
        {
            var start = Stopwatch.GetTimestamp();
            var now = DateTime.UtcNow;
            using (var transaction = connection.BeginTransaction())
            {
                head.Transaction = insertModel.Transaction = insertEvent.Transaction = transaction;
                var (sequence, hash) = ReadHead(head);
                var p = insertModel.Parameters;
                p[0].Value = details.Key;
                p[1].Value = ModelRules.NormalizeKey(details.Key);
                p[2].Value = details.Name;
                p[3].Value = details.Description;
                p[4].Value = details.Team;
                p[5].Value = details.RiskTier.ToString();
                p[6].Value = details.Status.ToString();
                p[7].Value = "[\"fraud\",\"cards\"]";
                p[8].Value = now;
                p[9].Value = SampleData.Engineer.Name;
                insertModel.ExecuteScalar();
                var audit = NewEvent(details.Key, now, SampleData.ModelJson(index++, details.Status.ToString(), 1));
                AuditChain.Append(audit, sequence, hash);
                AuditRows.Insert(insertEvent, audit);
                transaction.Commit();
            }
            perWrite?.AddSince(start);
        }
    }

    /// <summary>The floor: one prepared INSERT of a hash-chained event per transaction, the head kept in memory.</summary>
    private static async Task RawEventOnlyAsync(BenchDatabase database, IReadOnlyList<ModelDetails> models, Samples? perWrite)
    {
        await using var connection = await database.OpenAsync();
        await using var insertEvent = AuditRows.PrepareInsert(connection);
        var (sequence, hash) = (0L, AuditChain.GenesisHash);
        foreach (var details in models)
        {
            var start = Stopwatch.GetTimestamp();
            using (var transaction = connection.BeginTransaction())
            {
                insertEvent.Transaction = transaction;
                var audit = NewEvent(details.Key, DateTime.UtcNow, SampleData.ModelJson((int)sequence, details.Status.ToString(), 1));
                AuditChain.Append(audit, sequence, hash);
                AuditRows.Insert(insertEvent, audit);
                transaction.Commit();
                (sequence, hash) = (audit.Sequence, audit.Hash);
            }
            perWrite?.AddSince(start);
        }
    }

    private static (long Sequence, string Hash) ReadHead(SqliteCommand head)
    {
        using var reader = head.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(0), reader.GetString(1)) : (0L, AuditChain.GenesisHash);
    }

    private static AuditEvent NewEvent(string key, DateTime now, string after) => new()
    {
        OccurredAt = now,
        ActorId = SampleData.Engineer.Id,
        ActorName = SampleData.Engineer.Name,
        Action = "Model.Registered",
        EntityType = "Model",
        EntityId = key,
        ModelKey = key,
        After = after,
    };
}
