using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Access;
using Portal.Domain.Inventory;
using Portal.Domain.Releases;
using Portal.Domain.Versions;
using Portal.IntegrationTests.Infrastructure;
using Portal.IntegrationTests.Ownership;
using Portal.Web.Features.Releases;

namespace Portal.IntegrationTests.Flags;

[Trait("Category", TestEngine.SqliteOnly)]
public sealed class FlagApiTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string EngineerSubject = "service:test-engineer";
    private readonly FlagArrange flags = new(portal);
    private readonly OwnershipArrange owners = new(portal);
    private readonly HttpClient engineer = portal.ClientAs(PortalRoles.Engineer);
    private readonly HttpClient manager = portal.ClientAs(PortalRoles.Manager);

    [Fact]
    public async Task Only_the_teams_managers_compliance_and_admins_acknowledge_an_orphaned_flag_and_a_refusal_is_audited()
    {
        await owners.TeamManagedByTestManagerAsync("Flag Ack Team");
        await owners.ModelAsync("flag-ack-1", "Flag Ack Team");
        await flags.ScanAsync();
        var id = await flags.FlagIdAsync("flag-ack-1", "orphaned");

        var refused = await engineer.PostAsync($"/api/v1/flags/{id}/acknowledge", null);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("managers of team", await owners.LastDenialAsync(EngineerSubject), StringComparison.Ordinal);

        var acknowledged = await manager.PostAsync($"/api/v1/flags/{id}/acknowledge", null);
        Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
        Assert.Equal("test-manager", (await acknowledged.ReadJsonAsync()).GetProperty("acknowledgedBy").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await portal.ClientAs(PortalRoles.ComplianceReviewer).PostAsync($"/api/v1/flags/{id}/acknowledge", null)).StatusCode);
        Assert.Equal(1, await flags.AuditCountAsync("flag-ack-1", "Flag.Acknowledged"));
    }

    [Fact]
    public async Task An_owner_acts_on_a_stale_flag_of_their_model_but_not_on_anothers()
    {
        await owners.ModelAsync("flag-own-1", "Flag Team");
        await owners.ModelAsync("flag-own-2", "Flag Team");
        await owners.AssignAsync("flag-own-1", await owners.PersonAsync(EngineerSubject, "test-engineer"), "Primary");
        await owners.AssignAsync("flag-own-2", await owners.PersonAsync("flag-other-2"), "Primary");
        foreach (var key in new[] { "flag-own-1", "flag-own-2" })
        {
            flags.Put(key, "Status", "Production");
            flags.Age(key, 200, "Models", "RegisteredAt");
        }
        await flags.ScanAsync();

        var mine = await engineer.PostJsonAsync($"/api/v1/flags/{await flags.FlagIdAsync("flag-own-1", "stale-activity")}/snooze",
            new { reason = "Retraining next month", until = DateTime.UtcNow.AddDays(30) });
        var theirs = await engineer.PostJsonAsync($"/api/v1/flags/{await flags.FlagIdAsync("flag-own-2", "stale-activity")}/snooze",
            new { reason = "Not mine", until = DateTime.UtcNow.AddDays(30) });

        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, theirs.StatusCode);
    }

    [Theory]
    [InlineData(null, 10, "reason")]
    [InlineData("Reorganisation", -1, "until")]
    [InlineData("Reorganisation", 91, "until")]
    public async Task A_snooze_needs_a_reason_and_an_end_within_90_days(string? reason, int days, string field)
    {
        await owners.ModelAsync($"flag-snz-{field}-{days}", "Flag Team");
        await flags.ScanAsync();
        var id = await flags.FlagIdAsync($"flag-snz-{field}-{days}", "orphaned");

        var response = await flags.Admin.PostJsonAsync($"/api/v1/flags/{id}/snooze", new { reason, until = DateTime.UtcNow.AddDays(days) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadJsonAsync()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task The_gate_blocks_an_orphaned_model_even_when_snoozed_and_passes_once_it_has_an_owner()
    {
        await owners.ModelAsync("flag-gate-1", "Flag Team");
        await flags.ScanAsync();
        var id = await flags.FlagIdAsync("flag-gate-1", "orphaned");
        (await flags.Admin.PostJsonAsync($"/api/v1/flags/{id}/snooze", new { reason = "Owner starts Monday", until = DateTime.UtcNow.AddDays(7) }))
            .EnsureSuccessStatusCode();

        var blocked = await GateAsync("flag-gate-1");
        Assert.False(blocked.Passed);
        Assert.Contains("orphaned", blocked.Reason, StringComparison.Ordinal);

        await owners.AssignAsync("flag-gate-1", await owners.PersonAsync("flag-gate-owner"), "Primary");
        await flags.ScanAsync();
        Assert.True((await GateAsync("flag-gate-1")).Passed);
    }

    [Fact]
    public async Task A_rule_that_does_not_block_releases_does_not_fail_the_gate()
    {
        await owners.ModelAsync("flag-gate-2", "Flag Team");
        await owners.AssignAsync("flag-gate-2", await owners.PersonAsync("flag-gate-late"), "Primary");
        flags.Age("flag-gate-2", 30, "OwnershipAssignments", "AssignedAt");
        await flags.ScanAsync();

        Assert.Contains("unacknowledged-ownership", FlagArrange.Rules(await flags.FlagsAsync("flag-gate-2")));
        Assert.True((await GateAsync("flag-gate-2")).Passed);
    }

    [Fact]
    public async Task The_inventory_filters_by_open_flag_rule_and_counts_open_flags()
    {
        await owners.ModelAsync("flag-inv-orphan", "Flag Inventory Team");
        await owners.ModelAsync("flag-inv-owned", "Flag Inventory Team");
        await owners.AssignAsync("flag-inv-owned", await owners.PersonAsync("flag-inv-person"), "Primary");
        await flags.ScanAsync();

        var orphaned = await (await engineer.GetAsync("/api/v1/models?team=Flag%20Inventory%20Team&flag=orphaned")).ReadJsonAsync();
        var any = await (await engineer.GetAsync("/api/v1/models?team=Flag%20Inventory%20Team&flag=any")).ReadJsonAsync();
        var all = await (await engineer.GetAsync("/api/v1/models?team=Flag%20Inventory%20Team")).ReadJsonAsync();

        var item = Assert.Single(orphaned.GetProperty("items").EnumerateArray());
        Assert.Equal(("flag-inv-orphan", 1), (item.GetProperty("key").GetString(), item.GetProperty("openFlags").GetInt32()));
        Assert.Equal(1, any.GetProperty("totalCount").GetInt32());
        Assert.Equal(2, all.GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task An_admin_turns_a_rule_off_and_its_flags_resolve_at_the_next_scan_others_cannot()
    {
        await owners.ModelAsync("flag-rule-1", "Flag Team");
        await owners.AssignAsync("flag-rule-1", await owners.PersonAsync("flag-rule-person"), "Primary");
        flags.Age("flag-rule-1", 20, "OwnershipAssignments", "AssignedAt");
        await flags.ScanAsync();
        Assert.Contains("unacknowledged-ownership", FlagArrange.Rules(await flags.FlagsAsync("flag-rule-1")));

        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PutJsonAsync("/api/v1/flags/rules/unacknowledged-ownership", new { enabled = false })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await flags.Admin.PutJsonAsync("/api/v1/flags/rules/unacknowledged-ownership",
            new { thresholds = new Dictionary<string, int> { ["days"] = 0 } })).StatusCode);
        var changed = await flags.Admin.PutJsonAsync("/api/v1/flags/rules/unacknowledged-ownership",
            new { thresholds = new Dictionary<string, int> { ["days"] = 30 } });
        Assert.Equal(30, (await changed.ReadJsonAsync()).GetProperty("thresholds")[0].GetProperty("days").GetInt32());
        await flags.ScanAsync();

        Assert.DoesNotContain("unacknowledged-ownership", FlagArrange.Rules(await flags.FlagsAsync("flag-rule-1")));
        (await flags.Admin.PutJsonAsync("/api/v1/flags/rules/unacknowledged-ownership", new { thresholds = new Dictionary<string, int> { ["days"] = 14 } }))
            .EnsureSuccessStatusCode();
    }

    [Theory]
    [InlineData(PortalRoles.Manager)]
    [InlineData(PortalRoles.Engineer)]
    [InlineData(PortalRoles.ComplianceReviewer)]
    [InlineData(PortalRoles.Auditor)]
    public async Task Only_an_admin_runs_a_scan_now(string role)
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await portal.ClientAs(role).PostAsync("/api/v1/flags/scan", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await portal.ClientAs(role).GetAsync("/api/v1/flags?status=all")).StatusCode);
    }

    private async Task<GateResult> GateAsync(string key)
    {
        var gate = portal.Services.GetServices<IReleaseGate>().Single(g => g.Name == "blocking-flags");
        var model = await (await flags.Admin.GetAsync($"/api/v1/models/{key}")).ReadJsonAsync();
        var id = await ModelIdAsync(key);
        return await gate.EvaluateAsync(new ReleaseGateSubject(id, key, RiskTier.High, model.GetProperty("team").GetString()!, 0, "1.0",
            VersionStage.Production, DateTime.UtcNow, 0), default);
    }

    private async Task<int> ModelIdAsync(string key)
    {
        await using var connection = portal.OpenDatabase();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Id FROM Models WHERE Key = $key";
        command.Parameters.AddWithValue("$key", key);
        return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
