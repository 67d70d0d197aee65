using Microsoft.Extensions.Options;
using Portal.Domain.Access;
using Portal.Domain.Inventory;
using Portal.Domain.ModelCards;
using Portal.Web.Features.ModelCards;
using Portal.Web.Features.Notifications;
using Portal.Web.Features.Shared;

namespace Portal.Benchmarks;

/// <summary>
/// A card with 50 revisions (every section several paragraphs long): opening the card (the service's read, sections rendered)
/// and diffing two revisions far apart, each in server time (target: p95 under 100 ms).
/// </summary>
internal static class ModelCardBenchmarks
{
    private const int Revisions = 50;
    private const double TargetMilliseconds = 100;
    private static readonly Actor Admin = new("bench-admin", "Bench Admin", new HashSet<string> { PortalRoles.Admin });

    public static async Task RunAsync(Sizes sizes)
    {
        Report.Section($"5. Model cards: a card with {Revisions} revisions, open and diff (server time)");
        await using var database = await BenchDatabase.CreateAsync("cards");
        var factory = database.Factory;
        var audit = new AuditRecorder(factory);
        var guard = new AccessGuard(audit);
        var cards = new ModelCardService(factory, guard, new ModelWriteGuard(factory, guard, audit), audit,
            new NotificationService(factory, guard, Options.Create(new NotificationOptions()), TimeProvider.System), TimeProvider.System);
        await BenchmarkServices.Models(factory).RegisterAsync(Admin,
            new ModelDetails("bench-card", "Bench card", "A model with a long card.", "Bench", RiskTier.High, LifecycleStatus.Production, []));
        var random = new Random(20261202);
        for (var revision = 0; revision < Revisions; revision++)
        {
            var section = CardSections.Standard[revision % CardSections.Standard.Count];
            await cards.SaveAsync(Admin, "bench-card", revision, [new CardSection(section.Key, section.Title, Paragraphs(random, revision))],
                $"Revision {revision + 1}", null);
        }

        var open = new Timings();
        var diff = new Timings();
        var runs = Math.Max(20, sizes.FairnessRuns * 10);
        for (var run = 0; run <= runs; run++)
        {
            await Measure.TimeCallAsync(run == 0 ? null : open, () => cards.GetAsync(Admin, "bench-card"));
            await Measure.TimeCallAsync(run == 0 ? null : diff, () => cards.CompareAsync(Admin, "bench-card", 1 + (run % 10), Revisions - (run % 10)));
        }
        Report.Latency("open the card (latest of 50 revisions)", open.Wall, open.Cpu,
            $"  target p95 < {TargetMilliseconds} ms: {(open.Wall.P95 < TargetMilliseconds ? "MET" : "MISSED")}");
        Report.Latency("diff two revisions", diff.Wall, diff.Cpu,
            $"  target p95 < {TargetMilliseconds} ms: {(diff.Wall.P95 < TargetMilliseconds ? "MET" : "MISSED")}");
    }

    private static string Paragraphs(Random random, int seed)
    {
        string[] words = ["model", "data", "applicants", "default", "risk", "score", "calibration", "fairness", "region", "income", "monitoring", "drift"];
        return string.Join("\n\n", Enumerable.Range(0, 6).Select(_ =>
            $"Revision {seed}: " + string.Join(" ", Enumerable.Range(0, 80).Select(_ => words[random.Next(words.Length)])) + "."));
    }
}
