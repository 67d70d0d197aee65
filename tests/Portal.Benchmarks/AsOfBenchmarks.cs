using Portal.Domain.Access;
using Portal.Domain.Audit;
using Portal.Domain.PointInTime;
using Portal.Web.Features.PointInTime;
using Portal.Web.Features.Shared;

namespace Portal.Benchmarks;

/// <summary>
/// 6. The whole inventory as of a past moment (target: under 2 seconds at 100,000 models): the sample inventory with an audit
/// trail that tells its story (registrations, edits, reclassifications, retirements, promotions that archive the previous
/// production version), answered by PointInTimeService at an early moment (folded forward) and a recent one (folded back).
/// Both answers are checked against what the scripted history says before any time counts.
/// </summary>
internal static class AsOfBenchmarks
{
    private const double TargetMilliseconds = 2000;
    private const int VersionsPerModel = 3;
    private static readonly Actor Admin = new("bench-admin", "Bench Admin", new HashSet<string> { PortalRoles.Admin });

    public static async Task RunAsync(Sizes sizes)
    {
        Report.Section($"6. Point in time: the whole inventory of {sizes.Models:N0} models as of a past moment (server time)");
        await using var database = await BenchDatabase.CreateAsync("asof");
        await SampleData.SeedModelsAsync(database, sizes.Models);
        await SampleData.SeedVersionsAsync(database, VersionsPerModel);
        await SampleData.SeedFlagsAsync(database);
        var events = await AsOfHistory.SeedAsync(database);
        await database.CheckpointAsync();
        Report.Note($"{sizes.Models:N0} models, {VersionsPerModel} versions each, {events:N0} audit events of models and stages");

        var audit = new AuditRecorder(database.Factory);
        var service = new PointInTimeService(database.Factory, new AccessGuard(audit), audit, TimeProvider.System);
        foreach (var (label, asOf) in new[] { ("early moment (2025-04-01, folded forward)", new DateTime(2025, 4, 1, 0, 0, 0, DateTimeKind.Utc)),
                     ("recent moment (2025-12-01, folded back)", new DateTime(2025, 12, 1, 0, 0, 0, DateTimeKind.Utc)) })
        {
            var all = await service.InventoryAsOfAsync(Admin, asOf, new InventoryAsOfQuery(PageSize: sizes.Models));
            AsOfHistory.EnsureAgrees(all, asOf);
            var page = new Timings();
            var whole = new Timings();
            for (var run = 0; run <= 5; run++)
            {
                Measure.SettleHeap();
                await Measure.TimeCallAsync(run == 0 ? null : page, () => service.InventoryAsOfAsync(Admin, asOf, new InventoryAsOfQuery(PageSize: 50)));
                Measure.SettleHeap();
                await Measure.TimeCallAsync(run == 0 ? null : whole, () => service.InventoryAsOfAsync(Admin, asOf, new InventoryAsOfQuery(PageSize: sizes.Models)));
            }
            Report.Note($"{label}: {all.TotalCount:N0} models existed, through event {all.ThroughEvent:N0}");
            Report.Latency("  first page of 50 (all folded, counted)", page.Wall, page.Cpu, Verdict(page));
            Report.Latency($"  every row ({all.TotalCount:N0})", whole.Wall, whole.Cpu, Verdict(whole));
        }
    }

    private static string Verdict(Timings timings) =>
        $"  target p95 < {TargetMilliseconds:N0} ms: {(timings.Wall.P95 < TargetMilliseconds ? "MET" : "MISSED")}";
}
