using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Domain.Access;
using Portal.Domain.Inventory;
using Portal.Domain.Ownership;
using Portal.Domain.PointInTime;
using Portal.Domain.Releases;
using Portal.Domain.Versions;
using Portal.IntegrationTests.Infrastructure;
using Portal.IntegrationTests.Releases;
using Portal.Web.Features.PointInTime;
using Portal.Web.Features.Shared;

namespace Portal.IntegrationTests.PointInTime;

/// <summary>
/// A model's history scripted on known days of the portal's clock: registered Low with 1.0.0 in production (day 0), primary
/// owner replaced (day 1), 2.0.0 released through a signed request (day 2), reclassified Medium (day 3). The answers as of
/// each day are checked against the script, through the service and the API.
/// </summary>
public sealed class PointInTimeTests : IClassFixture<PointInTimeTests.Scripted>
{
    private readonly Scripted script;

    public PointInTimeTests(Scripted script) => this.script = script;

    private PointInTimeService Service => script.Portal.App.Services.GetRequiredService<PointInTimeService>();

    private static readonly Actor Auditor = new("pit-auditor", "Audrey Auditor", new HashSet<string> { PortalRoles.Auditor });

    private static string Iso(DateTime moment) => moment.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task As_of_registration_day_1_0_0_is_in_production_at_low_risk_with_the_first_owner()
    {
        var answer = await Service.ModelAsOfAsync(Auditor, script.Key, script.Registered);

        Assert.Equal(RiskTier.Low, answer.RiskTier);
        Assert.Equal(("1.0.0", VersionStage.Production), (Assert.Single(answer.Stages).VersionLabel, answer.Stages[0].Stage));
        Assert.Equal($"owner-{script.Key}", Assert.Single(answer.Owners, o => o.Role == OwnerRole.Primary).Subject);
        Assert.True(answer.Card!.Reviewed);
        Assert.Empty(answer.ProductionApprovals);
    }

    [Fact]
    public async Task After_the_reassignment_the_new_primary_owner_is_named_and_the_assignment_event_cited()
    {
        var answer = await Service.ModelAsOfAsync(Auditor, script.Key, script.Reassigned);

        var primary = Assert.Single(answer.Owners, o => o.Role == OwnerRole.Primary);
        Assert.Equal("pit-new-owner", primary.Subject);
        Assert.Contains(answer.Citations, c => c.Sequence == primary.Event && c.Action == "Ownership.Assigned");
    }

    [Fact]
    public async Task After_the_release_2_0_0_is_in_production_with_the_request_and_its_signature()
    {
        var answer = await Service.ModelAsOfAsync(Auditor, script.Key, script.Released);

        Assert.Equal("2.0.0", Assert.Single(answer.Stages).VersionLabel);
        var approval = Assert.Single(answer.ProductionApprovals);
        Assert.Equal(script.ReleaseId, approval.ReleaseId);
        Assert.Equal(("Reviewer pit-reviewer", SignatureMeaning.Approved), (Assert.Single(approval.Signatures).SignerName, approval.Signatures[0].Meaning));
        Assert.Equal(RiskTier.Low, answer.RiskTier);
    }

    [Fact]
    public async Task The_tier_changes_only_from_the_day_of_the_reclassification()
    {
        Assert.Equal(RiskTier.Low, (await Service.ModelAsOfAsync(Auditor, script.Key, script.Released)).RiskTier);

        var answer = await Service.ModelAsOfAsync(Auditor, script.Key, script.Reclassified);

        Assert.Equal(RiskTier.Medium, answer.RiskTier);
        Assert.Contains(answer.Citations, c => c.Action == "Model.Reclassified");
    }

    [Fact]
    public async Task Every_cited_event_is_in_the_audit_trail_of_the_model_at_or_before_the_moment()
    {
        var answer = await Service.ModelAsOfAsync(Auditor, script.Key, script.Released);
        var sequences = answer.Citations.Select(c => c.Sequence).ToList();

        await using var db = await script.Portal.App.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var stored = await db.AuditEvents.Where(a => sequences.Contains(a.Sequence)).ToListAsync();

        Assert.Equal(sequences.Count, stored.Count);
        Assert.All(stored, e => Assert.True(e.ModelKey == script.Key && e.OccurredAt <= script.Released && e.Sequence <= answer.ThroughEvent));
        Assert.All(answer.Citations, c => Assert.Equal(stored.Single(e => e.Sequence == c.Sequence).Action, c.Action));
    }

    [Fact]
    public async Task The_inventory_as_of_a_day_shows_the_model_as_it_then_was()
    {
        var page = await Service.InventoryAsOfAsync(Auditor, script.Registered, new InventoryAsOfQuery(Search: script.Key));

        var row = Assert.Single(page.Items);
        Assert.Equal((RiskTier.Low, "1.0.0", $"owner-{script.Key}"), (row.RiskTier!.Value, row.ProductionVersion, row.PrimaryOwner));
        var later = Assert.Single((await Service.InventoryAsOfAsync(Auditor, script.Reclassified, new InventoryAsOfQuery(Search: script.Key))).Items);
        Assert.Equal((RiskTier.Medium, "2.0.0", script.ReleaseId), (later.RiskTier!.Value, later.ProductionVersion, later.ProductionRelease!.Value));
    }

    [Fact]
    public async Task The_inventory_filters_on_the_tier_as_it_then_was()
    {
        var asLow = await Service.InventoryAsOfAsync(Auditor, script.Released, new InventoryAsOfQuery(Search: script.Key, RiskTier: RiskTier.Medium));

        Assert.Empty(asLow.Items);
        Assert.Single((await Service.InventoryAsOfAsync(Auditor, script.Reclassified, new InventoryAsOfQuery(Search: script.Key, RiskTier: RiskTier.Medium))).Items);
    }

    [Fact]
    public async Task Before_the_model_existed_it_is_not_in_the_inventory_and_its_answer_is_a_404_saying_when_it_was_registered()
    {
        var before = script.Before;

        Assert.Empty((await Service.InventoryAsOfAsync(Auditor, before, new InventoryAsOfQuery(Search: script.Key))).Items);
        var response = await script.Portal.ClientAs(PortalRoles.Admin).GetAsync($"/api/v1/models/{script.Key}?asOf={Iso(before)}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("did not exist yet", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_api_answers_a_model_as_of_a_moment_with_its_citations()
    {
        var response = await script.Portal.ClientAs(PortalRoles.Admin).GetAsync($"/api/v1/models/{script.Key}?asOf={Iso(script.Released)}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.ReadJsonAsync();
        Assert.Equal("Low", json.GetProperty("riskTier").GetString());
        Assert.Equal("2.0.0", json.GetProperty("stages")[0].GetProperty("versionLabel").GetString());
        Assert.True(json.GetProperty("citations").GetArrayLength() > 0);
    }

    [Fact]
    public async Task The_api_answers_the_inventory_as_of_a_moment()
    {
        var response = await script.Portal.ClientAs(PortalRoles.Admin).GetAsync($"/api/v1/models?asOf={Iso(script.Registered)}&search={script.Key}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.ReadJsonAsync();
        Assert.Equal(1, json.GetProperty("totalCount").GetInt32());
        Assert.Equal("Low", json.GetProperty("items")[0].GetProperty("riskTier").GetString());
    }

    [Theory]
    [InlineData("yesterday", "ISO 8601")]
    [InlineData("2026-13-45", "ISO 8601")]
    [InlineData("2999-01-01T00:00:00Z", "in the future")]
    public async Task A_moment_that_is_not_iso_8601_or_in_the_future_is_a_400_saying_so(string asOf, string message)
    {
        var client = script.Portal.ClientAs(PortalRoles.Admin);
        foreach (var path in new[] { $"/api/v1/models/{script.Key}", "/api/v1/models" })
        {
            var response = await client.GetAsync($"{path}?asOf={Uri.EscapeDataString(asOf)}");

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(message, await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task A_control_character_or_a_huge_moment_is_a_400_not_a_500()
    {
        var client = script.Portal.ClientAs(PortalRoles.Admin);

        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"/api/v1/models?asOf=2026-01-01%00")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"/api/v1/models?asOf={new string('9', 5000)}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"/api/v1/models?asOf={Iso(script.Registered)}&search=a%09b")).StatusCode);
    }

    [Fact]
    public async Task Filters_that_do_not_apply_to_a_past_inventory_are_refused_by_name()
    {
        var response = await script.Portal.ClientAs(PortalRoles.Admin).GetAsync($"/api/v1/models?asOf={Iso(script.Registered)}&tag=test&sort=Name");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("leave out tag, sort", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_person_without_a_portal_role_gets_nothing_about_the_model_as_of_any_time_and_the_denial_is_audited()
    {
        var nobody = new Actor("pit-nobody", "No Role", new HashSet<string>());

        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.ModelAsOfAsync(nobody, script.Key, script.Released));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.InventoryAsOfAsync(nobody, script.Released, new InventoryAsOfQuery()));
        Assert.NotNull(await script.Portal.LastDenialAsync(nobody.Id));
    }

    [Fact]
    public async Task A_token_scoped_to_other_teams_is_refused_the_model_and_does_not_see_it_in_the_inventory()
    {
        var client = script.Portal.ClientAs(PortalRoles.Auditor);

        var response = await client.GetAsync($"/api/v1/models/{script.Key}?asOf={Iso(script.Released)}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("2.0.0", await response.Content.ReadAsStringAsync());
        var inventory = await (await client.GetAsync($"/api/v1/models?asOf={Iso(script.Released)}&search={script.Key}")).ReadJsonAsync();
        Assert.Equal(0, inventory.GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task An_unscoped_service_token_sees_no_team_s_models_as_of_any_time()
    {
        var unscoped = script.Portal.App.CreateClient();
        unscoped.DefaultRequestHeaders.Authorization = new("Bearer", PortalFactory.UnscopedEngineerToken);

        var inventory = await (await unscoped.GetAsync($"/api/v1/models?asOf={Iso(script.Reclassified)}")).ReadJsonAsync();

        Assert.Equal(0, inventory.GetProperty("totalCount").GetInt32());
        Assert.Equal(JsonValueKind.Array, inventory.GetProperty("items").ValueKind);
        Assert.Equal(HttpStatusCode.Forbidden, (await unscoped.GetAsync($"/api/v1/models/{script.Key}?asOf={Iso(script.Reclassified)}")).StatusCode);
    }

    /// <summary>The scripted history, made once for the class: each step a day after the previous on the portal's clock.</summary>
    public sealed class Scripted : IAsyncLifetime
    {
        public ReleasePortal Portal { get; } = new();

        public string Key { get; private set; } = "";

        public int ReleaseId { get; private set; }

        public DateTime Before { get; private set; }

        public DateTime Registered { get; private set; }

        public DateTime Reassigned { get; private set; }

        public DateTime Released { get; private set; }

        public DateTime Reclassified { get; private set; }

        public async Task InitializeAsync()
        {
            Before = Portal.Now;
            Portal.Clock.Advance(TimeSpan.FromMinutes(1));
            Key = await Portal.ModelAsync("Low", "pit-engineer");
            Registered = NextDay();

            await Portal.AssignOwnerAsync(Key, await Portal.PersonAsync("pit-new-owner"), "Primary");
            Reassigned = NextDay();

            ReleaseId = await Portal.RequestAsync(Key, "pit-engineer");
            await Portal.Releases.SignAsync(ReleasePortal.Reviewer(await Portal.PersonAsync("pit-reviewer")), Portal.FreshSession, ReleaseId, SignatureMeaning.Approved, "Evidence complete.");
            Released = NextDay();

            var admin = Portal.ClientAs(PortalRoles.Admin);
            var revision = (await (await admin.GetAsync($"/api/v1/models/{Key}")).ReadJsonAsync()).GetProperty("revision").GetInt32();
            var classified = await admin.PutJsonAsync($"/api/v1/models/{Key}/classification",
                new { riskTier = "Medium", team = $"Team {Key}", reason = "Now decides credit limits.", revision });
            Assert.True(classified.IsSuccessStatusCode, await classified.Content.ReadAsStringAsync());
            Reclassified = NextDay();
        }

        public Task DisposeAsync()
        {
            Portal.Dispose();
            return Task.CompletedTask;
        }

        /// <summary>A moment after the step just made, then the clock a day on, so the next step happens on the next day.</summary>
        private DateTime NextDay()
        {
            var moment = Portal.Now.AddSeconds(1);
            Portal.Clock.Advance(TimeSpan.FromDays(1));
            return moment;
        }
    }
}
