using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.IntegrationTests.Infrastructure;
using Portal.IntegrationTests.Ownership;
using Portal.Web.Features.Flags;

namespace Portal.IntegrationTests.Flags;

[Trait("Category", TestEngine.SqliteOnly)]
public sealed class FlagScanTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private readonly FlagArrange flags = new(portal);
    private readonly OwnershipArrange owners = new(portal);

    [Fact]
    public async Task A_model_without_a_primary_owner_is_flagged_orphaned_and_the_flag_resolves_when_one_is_assigned()
    {
        await owners.ModelAsync("flag-orphan-1", "Flag Team");
        await flags.ScanAsync();
        Assert.Equal(["orphaned"], FlagArrange.Rules(await flags.FlagsAsync("flag-orphan-1")));

        await owners.AssignAsync("flag-orphan-1", await owners.PersonAsync("flag-ada-1"), "Primary");
        await flags.ScanAsync();

        Assert.Empty(await flags.FlagsAsync("flag-orphan-1"));
        var resolved = Assert.Single(await flags.FlagsAsync("flag-orphan-1", "resolved"));
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, resolved.GetProperty("resolvedAt").ValueKind);
        Assert.Equal(1, await flags.AuditCountAsync("flag-orphan-1", "Flag.Raised"));
        Assert.Equal(1, await flags.AuditCountAsync("flag-orphan-1", "Flag.Resolved"));
    }

    [Fact]
    public async Task A_second_scan_in_a_row_changes_nothing_and_audits_nothing()
    {
        await owners.ModelAsync("flag-idem-1", "Flag Team");
        await flags.ScanAsync();
        var audited = await flags.AuditCountAsync("flag-idem-1", "Flag.");

        var second = await flags.ScanAsync();

        Assert.Equal((0, 0), (second.GetProperty("raised").GetInt32(), second.GetProperty("resolved").GetInt32()));
        Assert.Equal(audited, await flags.AuditCountAsync("flag-idem-1", "Flag."));
        Assert.Single(await flags.FlagsAsync("flag-idem-1"));
    }

    [Fact]
    public async Task A_deactivated_owner_makes_the_model_orphaned_and_owner_departed_at_the_next_scan()
    {
        await owners.ModelAsync("flag-departed-1", "Flag Team");
        var ben = await owners.PersonAsync("flag-ben-1", "Ben Okafor");
        await owners.AssignAsync("flag-departed-1", ben, "Primary");
        await flags.ScanAsync();
        Assert.Empty(await flags.FlagsAsync("flag-departed-1"));

        await owners.DeactivateAsync(ben);
        await flags.ScanAsync();

        var open = await flags.FlagsAsync("flag-departed-1");
        Assert.Equal(["orphaned", "owner-departed"], FlagArrange.Rules(open));
        Assert.Contains("Ben Okafor", open.Single(f => f.GetProperty("rule").GetString() == "owner-departed").GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Ownership_not_acknowledged_for_14_days_is_flagged_and_acknowledging_resolves_it()
    {
        await owners.ModelAsync("flag-unack-1", "Flag Team");
        await owners.AssignAsync("flag-unack-1", await owners.PersonAsync("flag-cy-1"), "Primary");
        flags.Age("flag-unack-1", 13, "OwnershipAssignments", "AssignedAt");
        await flags.ScanAsync();
        Assert.Empty(await flags.FlagsAsync("flag-unack-1"));

        flags.Age("flag-unack-1", 15, "OwnershipAssignments", "AssignedAt");
        await flags.ScanAsync();
        Assert.Equal(["unacknowledged-ownership"], FlagArrange.Rules(await flags.FlagsAsync("flag-unack-1")));

        flags.Age("flag-unack-1", 1, "OwnershipAssignments", "AcknowledgedAt");
        await flags.ScanAsync();
        Assert.Empty(await flags.FlagsAsync("flag-unack-1"));
    }

    [Fact]
    public async Task A_production_model_without_a_version_for_180_days_is_stale()
    {
        var key = "flag-stale-1";
        await owners.ModelAsync(key, "Flag Team");
        await owners.AssignAsync(key, await owners.PersonAsync("flag-di-1"), "Primary");
        flags.Put(key, "Status", "Production");
        flags.Age(key, 179, "Models", "RegisteredAt");
        await flags.ScanAsync();
        Assert.DoesNotContain("stale-activity", FlagArrange.Rules(await flags.FlagsAsync(key)));

        flags.Age(key, 181, "Models", "RegisteredAt");
        await flags.ScanAsync();
        Assert.Contains("stale-activity", FlagArrange.Rules(await flags.FlagsAsync(key)));
    }

    [Fact]
    public async Task While_another_instance_holds_the_lease_a_scan_is_skipped_and_runs_once_it_lapses()
    {
        var lease = portal.Services.GetRequiredService<ScanLeaseStore>();
        var scanner = portal.Services.GetRequiredService<FlagScanner>();
        Assert.True(await lease.TryAcquireAsync("other-instance/1", TimeSpan.FromMinutes(5), default));
        var scansBefore = await ScanCountAsync();

        Assert.Null(await scanner.ScanAsync("test", default));
        Assert.Equal(scansBefore, await ScanCountAsync());

        await lease.ReleaseAsync("other-instance/1", default);
        Assert.True(await lease.TryAcquireAsync("crashed-instance/1", TimeSpan.Zero, default));
        Assert.NotNull(await scanner.ScanAsync("test", default));
        Assert.Equal(scansBefore + 1, await ScanCountAsync());
    }

    [Fact]
    public async Task A_periodic_scan_is_skipped_after_another_instance_scanned_within_the_interval_and_an_asked_for_scan_still_runs()
    {
        var scanner = portal.Services.GetRequiredService<FlagScanner>();
        using var other = portal.WithWebHostBuilder(_ => { });
        Assert.NotNull(await other.Services.GetRequiredService<FlagScanner>().ScanIfDueAsync(FlagScanner.StartupTrigger, default));
        var scansBefore = await ScanCountAsync();

        Assert.Null(await scanner.ScanIfDueAsync(FlagScanner.IntervalTrigger, default));
        Assert.Equal(scansBefore, await ScanCountAsync());

        Assert.NotNull(await scanner.ScanAsync("ownership change", default));
        Assert.Equal(scansBefore + 1, await ScanCountAsync());
    }

    [Fact]
    public async Task Two_scanners_at_once_one_scans_and_the_other_skips()
    {
        var gate = new GatedFacts();
        using var second = portal.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IModelFactsContributor>(gate)));
        var held = second.Services.GetRequiredService<FlagScanner>().ScanAsync("instance A", default);
        await gate.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var other = await portal.Services.GetRequiredService<FlagScanner>().ScanAsync("instance B", default);
        gate.Release.SetResult();

        Assert.Null(other);
        Assert.NotNull(await held.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task Fact_contributors_read_at_the_same_time_each_on_a_context_of_its_own()
    {
        var (first, second) = (new MeetingFacts("test-meet-a"), new MeetingFacts("test-meet-b"));
        (first.Other, second.Other) = (second, first);
        using var meeting = portal.WithWebHostBuilder(b => b.ConfigureServices(s =>
            s.AddSingleton<IModelFactsContributor>(first).AddSingleton<IModelFactsContributor>(second)));

        // Each waits until the other has started: contributors run one after another would never meet.
        Assert.NotNull(await meeting.Services.GetRequiredService<FlagScanner>().ScanAsync("meeting", default));

        Assert.NotSame(first.Context, second.Context);
    }

    private async Task<int> ScanCountAsync()
    {
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.FlagScans.CountAsync();
    }

    /// <summary>A fact contributor that says it started, then waits for the other one to start.</summary>
    private sealed class MeetingFacts(string kind) : IModelFactsContributor
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public MeetingFacts? Other { get; set; }

        public PortalDbContext? Context { get; private set; }

        public string Provides => kind;

        public async Task ContributeAsync(PortalDbContext db, IReadOnlyDictionary<int, Portal.Domain.Flags.ModelFacts> facts, CancellationToken cancellationToken)
        {
            Context = db;
            Started.TrySetResult();
            await Other!.Started.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        }
    }

    /// <summary>A fact contributor that holds its scan (and so the lease) until the test lets it go.</summary>
    private sealed class GatedFacts : IModelFactsContributor
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Provides => "test-gate";

        public async Task ContributeAsync(PortalDbContext db, IReadOnlyDictionary<int, Portal.Domain.Flags.ModelFacts> facts, CancellationToken cancellationToken)
        {
            Entered.TrySetResult();
            await Release.Task;
        }
    }
}
