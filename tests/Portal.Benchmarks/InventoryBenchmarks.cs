using System.Text.Json;
using Microsoft.Data.Sqlite;
using Portal.Domain.Inventory;
using Portal.Web.Features.Inventory;
using Portal.Web.Features.Shared;

namespace Portal.Benchmarks;

/// <summary>
/// 3. The inventory's first page at scale: ModelService.SearchAsync (count + page through EF Core)
/// against the same two queries hand-written for Microsoft.Data.Sqlite.
/// </summary>
internal static class InventoryBenchmarks
{
    private const double MaxRatio = 1.2;
    private const int PageSize = 25;
    private const string Summary = "SELECT Key, Name, Team, RiskTier, Status, Tags, UpdatedAt FROM Models";

    /// <summary>A query as the page asks for it, and as someone would write it by hand.</summary>
    private sealed record Scenario(string Name, ModelQuery Query, string Where, string OrderBy, KeyValuePair<string, object?>[] Parameters)
    {
        public string CountSql => $"SELECT COUNT(*) FROM Models {Where}";

        public string PageSql => $"{Summary} {Where} ORDER BY {OrderBy} LIMIT {PageSize} OFFSET 0";
    }

    private static readonly Scenario[] Scenarios =
    [
        new("(a) no filter, sort by key", new ModelQuery(PageSize: PageSize),
            "", "KeyNormalized, Id", []),
        new("(b) status=Production riskTier=High, sort by name",
            new ModelQuery(Status: LifecycleStatus.Production, RiskTier: RiskTier.High, Sort: ModelSort.Name, PageSize: PageSize),
            "WHERE Status = $status AND RiskTier = $tier", "Name, Id", [new("$status", "Production"), new("$tier", "High")]),
        new("(c) search \"fraud\", sort by updatedAt desc",
            new ModelQuery(Search: "fraud", Sort: ModelSort.UpdatedAt, Descending: true, PageSize: PageSize),
            @"WHERE Key LIKE $pattern ESCAPE '\' OR Name LIKE $pattern ESCAPE '\' OR Description LIKE $pattern ESCAPE '\'",
            "UpdatedAt DESC, Id", [new("$pattern", "%fraud%")]),
    ];

    public static async Task RunAsync(Sizes sizes, bool showSql)
    {
        Report.Section($"3. Inventory first page ({PageSize} rows + total count) at {sizes.Models:N0} models (target: EF Core within {MaxRatio}x of hand-written SQL)");
        await using var database = await BenchDatabase.CreateAsync("inventory");
        var seeding = new Timings();
        await Measure.TimeRunAsync(seeding, () => SampleData.SeedModelsAsync(database, sizes.Models));
        Report.Note($"seeded {sizes.Models:N0} models in {seeding.Wall.Median / 1000:N1} s; each figure is one call: count query + page query, {sizes.QueryIterations} calls after 30 warm-up calls");
        var service = new ModelService(database.Factory, new AccessGuard(new AuditRecorder(database.Factory)), TimeProvider.System);
        var pooledService = new ModelService(database.PooledFactory, new AccessGuard(new AuditRecorder(database.PooledFactory)), TimeProvider.System);

        foreach (var scenario in Scenarios)
        {
            var (count, page) = await CaptureEfCommandsAsync(service, scenario.Query);
            Func<Task<PagedResult<ModelSummary>>>[] variants =
            [
                () => service.SearchAsync(SampleData.Engineer, scenario.Query),
                () => RunSqlAsync(database, scenario.CountSql, scenario.PageSql, scenario.Parameters),
                () => RunSqlAsync(database, count.Sql, page.Sql, [.. count.Parameters, .. page.Parameters]),
                () => pooledService.SearchAsync(SampleData.Engineer, scenario.Query),
            ];
            // The comparison means nothing unless all three give the same page.
            var answers = await Task.WhenAll(variants.Select(v => v()));
            EnsureSame(scenario.Name, answers);

            var timings = variants.Select(_ => new Timings()).ToArray();
            // 30 warm-up calls: enough for tiered JIT to promote EF Core's hot paths to optimized code.
            for (var call = -30; call < sizes.QueryIterations; call++)
            {
                // Rotate the order so no variant always runs on a cache the previous one warmed.
                for (var k = 0; k < variants.Length; k++)
                {
                    var v = (k + Math.Abs(call)) % variants.Length;
                    await Measure.TimeCallAsync(call >= 0 ? timings[v] : null, variants[v]);
                }
            }

            Console.WriteLine($"  {scenario.Name}: {answers[0].TotalCount:N0} matching models");
            var (ef, hand, efSqlByHand, pooled) = (timings[0], timings[1], timings[2], timings[3]);
            var ratio = ef.Wall.Median / hand.Wall.Median;
            var cpuRatio = ef.Cpu.Median / hand.Cpu.Median;
            Report.Latency("  EF Core: ModelService.SearchAsync", ef.Wall, ef.Cpu);
            Report.Latency("  hand-written SQL, Microsoft.Data.Sqlite", hand.Wall, hand.Cpu);
            Report.Latency("  EF Core's generated SQL run by hand", efSqlByHand.Wall, efSqlByHand.Cpu);
            Report.Latency("  what-if: SearchAsync on a pooled context factory", pooled.Wall, pooled.Cpu);
            Report.Note($"  EF Core / hand-written: p50 {ratio:N2}x, p95 {ef.Wall.P95 / hand.Wall.P95:N2}x, on-CPU p50 {cpuRatio:N2}x" +
                $"  target <= {MaxRatio}x: {(ratio <= MaxRatio ? "MET" : "MISSED")} (on-CPU: {(cpuRatio <= MaxRatio ? "MET" : "MISSED")})");
            if (showSql || Math.Min(ratio, cpuRatio) > MaxRatio)
            {
                await ExplainAsync(database, "EF Core", count, page);
                await ExplainAsync(database, "hand-written", new(scenario.CountSql, scenario.Parameters), new(scenario.PageSql, scenario.Parameters));
            }
        }
    }

    /// <summary>The two commands one SearchAsync call sends: the count, then the page.</summary>
    private static async Task<(CapturedCommand Count, CapturedCommand Page)> CaptureEfCommandsAsync(ModelService service, ModelQuery query)
    {
        using var capture = new SqlCapture();
        await service.SearchAsync(SampleData.Engineer, query);
        var commands = capture.Commands;
        return commands.Count == 2
            ? (commands[0], commands[1])
            : throw new InvalidOperationException($"Expected SearchAsync to send 2 commands, it sent {commands.Count}.");
    }

    /// <summary>A count and a page query over one pooled connection, read into the same records the service returns.</summary>
    private static async Task<PagedResult<ModelSummary>> RunSqlAsync(BenchDatabase database, string countSql, string pageSql,
        IReadOnlyList<KeyValuePair<string, object?>> parameters)
    {
        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var count = Command(connection, countSql, parameters);
        var total = Convert.ToInt32(await count.ExecuteScalarAsync());
        await using var page = Command(connection, pageSql, parameters);
        await using var reader = await page.ExecuteReaderAsync();
        var items = new List<ModelSummary>(PageSize);
        while (await reader.ReadAsync())
        {
            items.Add(new ModelSummary(
                reader.GetString(0), reader.GetString(1), reader.GetString(2),
                Enum.Parse<RiskTier>(reader.GetString(3)), Enum.Parse<LifecycleStatus>(reader.GetString(4)),
                JsonSerializer.Deserialize<List<string>>(reader.GetString(5))!,
                DateTime.SpecifyKind(reader.GetDateTime(6), DateTimeKind.Utc)));
        }
        return new PagedResult<ModelSummary>(items, total);
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, IEnumerable<KeyValuePair<string, object?>> parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            // A parameter the statement does not use is harmless; one it uses but lacks is an error.
            if (sql.Contains(name, StringComparison.Ordinal) && !command.Parameters.Contains(name))
            {
                command.Parameters.AddWithValue(name, value ?? DBNull.Value);
            }
        }
        return command;
    }

    private static void EnsureSame(string scenario, PagedResult<ModelSummary>[] answers)
    {
        static string Fingerprint(PagedResult<ModelSummary> r) =>
            $"{r.TotalCount}|" + string.Join(",", r.Items.Select(i => $"{i.Key}/{i.Status}/{i.RiskTier}/{string.Join('+', i.Tags)}/{i.UpdatedAt.Ticks}"));
        var expected = Fingerprint(answers[0]);
        if (answers[0].Items.Count == 0 || answers.Any(a => Fingerprint(a) != expected))
        {
            throw new InvalidOperationException($"{scenario}: EF Core and the hand-written SQL answer differently (or nothing matched).");
        }
    }

    private static async Task ExplainAsync(BenchDatabase database, string who, CapturedCommand count, CapturedCommand page)
    {
        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync();
        foreach (var (what, command) in new[] { ("count", count), ("page", page) })
        {
            Report.Note($"    {who} {what} SQL: {string.Join(' ', command.Sql.Split((char[])['\r', '\n'], StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()))}");
            Report.Note($"      parameters: {string.Join(", ", command.Parameters.Select(p => $"{p.Key}={p.Value}"))}");
            await using var explain = Command(connection, "EXPLAIN QUERY PLAN " + command.Sql, command.Parameters);
            await using var reader = await explain.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                Report.Note($"      plan: {reader.GetString(3)}");
            }
        }
    }
}
