using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Portal.Data;
using Portal.Domain.Access;
using Portal.Domain.Audit;
using Portal.Domain.EvidencePackages;
using Portal.Domain.Inventory;
using Portal.Web.Features.Evidence;
using Portal.Web.Features.Inventory;
using Portal.Web.Features.Shared;

namespace Portal.Benchmarks;

/// <summary>
/// 7. Evidence package: a model with <see cref="Sizes.EvidenceEvents"/> audit events, interleaved one for one with another
/// model's (so the proof links twice as many events), built through the portal's own service and parts into a file, then
/// verified offline. Built again at a tenth of the size to show the peak heap does not follow the event count.
/// </summary>
internal static class EvidenceBenchmarks
{
    private const double BuildTargetSeconds = 5;
    private const double VerifyTargetSeconds = 2;
    private static readonly Actor Auditor = new("bench-auditor", "Bench Auditor", new HashSet<string> { PortalRoles.Auditor });
    private static readonly Actor Admin = new("bench-admin", "Bench Admin", new HashSet<string> { PortalRoles.Admin });

    public static async Task RunAsync(Sizes sizes)
    {
        Report.Section($"7. Evidence package (targets: build < {BuildTargetSeconds} s, verify < {VerifyTargetSeconds} s, peak heap independent of events)");
        foreach (var events in new[] { sizes.EvidenceEvents / 10, sizes.EvidenceEvents })
        {
            await RunAsync(events, report: events == sizes.EvidenceEvents);
        }
    }

    private static async Task RunAsync(int events, bool report)
    {
        await using var database = await BenchDatabase.CreateAsync("evidence");
        await BenchmarkServices.Models(database.Factory).RegisterAsync(Admin,
            new ModelDetails("bench-evidence", "Bench evidence", "A model with a long audit trail.", "Bench", RiskTier.High, LifecycleStatus.Production, []));
        await SeedAsync(database, events);
        await database.CheckpointAsync();
        await using var services = Services(database);
        var service = services.GetRequiredService<EvidencePackageService>();
        var path = Path.Combine(BenchDatabase.Folder, $"evidence-{events}.zip");

        var build = new Timings();
        var peak = await PeakHeapAsync(() => Measure.TimeRunAsync(build, async () =>
        {
            var scope = await service.PrepareAsync(Auditor, "bench-evidence", new EvidencePackageRequest(null, null, null));
            await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
            await service.WriteAsync(scope, file);
        }));
        var verify = new Timings();
        EvidenceVerification result = new([], []);
        await Measure.TimeRunAsync(verify, async () =>
        {
            await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
            result = await EvidencePackageVerifier.VerifyAsync(file, service.PublicKeyPem, null);
        });
        if (!result.Intact)
        {
            throw new InvalidOperationException("The benchmark's package did not verify: " + string.Join("; ", result.Problems));
        }
        var seconds = build.Wall.Median / 1000;
        var verifySeconds = verify.Wall.Median / 1000;
        Report.Note($"{events:N0} model events + {events:N0} others: package {new FileInfo(path).Length / 1e6:N1} MB, " +
            $"build {seconds:N2} s (on-CPU {build.Cpu.Median / 1000:N2} s), verify {verifySeconds:N2} s (on-CPU {verify.Cpu.Median / 1000:N2} s), " +
            $"peak managed heap during build {peak / 1e6:N1} MB");
        if (report)
        {
            Report.Note($"build < {BuildTargetSeconds} s: {(seconds < BuildTargetSeconds ? "MET" : "MISSED")}; verify < {VerifyTargetSeconds} s: {(verifySeconds < VerifyTargetSeconds ? "MET" : "MISSED")}");
            Report.Note(result.Checked[^1]);
        }
    }

    /// <summary>Appends sealed events after the registration's, alternating the benchmark's model and another one.</summary>
    private static async Task SeedAsync(BenchDatabase database, int events)
    {
        await using var db = await database.Factory.CreateDbContextAsync();
        var head = await db.AuditEvents.OrderByDescending(a => a.Sequence).FirstAsync();
        await AuditRows.BulkInsertAsync(database, Sealed(head.Sequence, head.Hash, head.OccurredAt, events * 2));
    }

    private static IEnumerable<AuditEvent> Sealed(long sequence, string previousHash, DateTime after, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var key = i % 2 == 0 ? "bench-evidence" : "other-model";
            var audit = new AuditEvent
            {
                // One tick apart, so that every event precedes the package's time and falls in its range.
                OccurredAt = after.AddTicks(i + 1),
                ActorId = $"user-{i % 50:D3}",
                ActorName = $"Engineer {i % 50}",
                Action = "Model.Updated",
                EntityType = "Model",
                EntityId = key,
                ModelKey = key,
                Before = SampleData.ModelJson(i, "Validation", i),
                After = SampleData.ModelJson(i, "Production", i + 1),
            };
            AuditChain.Append(audit, sequence + i, previousHash);
            previousHash = audit.Hash;
            yield return audit;
        }
    }

    /// <summary>The evidence feature wired as the portal wires it (its parts, the signing key), over the benchmark's database.</summary>
    private static ServiceProvider Services(BenchDatabase database)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Evidence:SigningKeyPath"] = Path.Combine(BenchDatabase.Folder, "evidence-signing-key.pem"),
        }).Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<IHostEnvironment>(new HostingEnvironment { EnvironmentName = Environments.Development, ContentRootPath = BenchDatabase.Folder })
            .AddSingleton(TimeProvider.System)
            .AddSingleton(database.Factory)
            .AddSingleton<AuditRecorder>()
            .AddSingleton<AccessGuard>()
            .AddSingleton<ModelWriteGuard>();
        services.AddLogging();
        services.AddEvidenceFeature();
        return services.BuildServiceProvider();
    }

    /// <summary>Runs <paramref name="body"/> from a settled heap while sampling the managed heap's size; answers the largest sample.</summary>
    private static async Task<long> PeakHeapAsync(Func<Task> body)
    {
        Measure.SettleHeap();
        long peak = GC.GetTotalMemory(false);
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(false));
                await Task.Delay(5);
            }
        });
        await body();
        await stop.CancelAsync();
        await sampler;
        return peak;
    }
}
