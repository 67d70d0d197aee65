using System.Net;
using System.Text.Json;
using Portal.Domain.Access;
using Portal.IntegrationTests.Infrastructure;

namespace Portal.IntegrationTests.Scope;

/// <summary>
/// Issue 13, item 1: writes on a model are for its owners, its team and Admins; risk tier and team change only through
/// classification (ComplianceReviewer or Admin, with a reason), never while a release is pending.
/// </summary>
public sealed class ModelScopeAbuseCaseTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private async Task<string> ModelAsync(string team, string tier = "High")
    {
        var key = $"scope-{Guid.NewGuid():N}"[..24];
        var created = await portal.ClientAs(PortalRoles.Admin).PostJsonAsync("/api/v1/models", new
        {
            key, name = $"Model {key}", team, riskTier = tier, status = "Development",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return key;
    }

    private async Task<JsonElement> GetAsync(string key) => await (await portal.ClientAs(PortalRoles.Admin).GetAsync($"/api/v1/models/{key}")).ReadJsonAsync();

    private static async Task<string> DetailAsync(HttpResponseMessage response) =>
        (await response.ReadJsonAsync()).GetProperty("detail").GetString() ?? "";

    [Fact]
    public async Task An_engineer_outside_the_team_cannot_lower_the_risk_tier()
    {
        var key = await ModelAsync("Credit Risk");

        var response = await portal.ClientWithToken(PortalFactory.UnscopedEngineerToken).PutJsonAsync($"/api/v1/models/{key}",
            new { name = "Lowered", team = "Credit Risk", riskTier = "Low", status = "Development", revision = 1 });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("not to team Credit Risk", await DetailAsync(response), StringComparison.Ordinal);
        var model = await GetAsync(key);
        Assert.Equal("High", model.GetProperty("riskTier").GetString());
        Assert.Equal(1, model.GetProperty("revision").GetInt32());
        var trail = await (await portal.ClientAs(PortalRoles.Admin)
            .GetAsync($"/api/v1/audit/events?action=Access.Denied&actor=service:test-unscoped-engineer&modelKey={key}")).ReadJsonAsync();
        Assert.Contains("EditModel", trail.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("entityId").GetString()));
    }

    [Fact]
    public async Task An_engineer_outside_the_team_cannot_retire_register_versions_post_fairness_or_request_releases()
    {
        var key = await ModelAsync(PortalFactory.OutsideTeam);
        var engineer = portal.ClientAs(PortalRoles.Engineer);
        var manager = portal.ClientAs(PortalRoles.Manager);

        var responses = new[]
        {
            await engineer.PostJsonAsync($"/api/v1/models/{key}/versions", Versions.VersionRequests.NewVersion("1.0.0")),
            await engineer.PostJsonAsync($"/api/v1/models/{key}/versions/1.0.0/fairness-evaluations/imported", Fairness.FairnessRequests.Report(0.5, 0.5)),
            await engineer.PostJsonAsync("/api/v1/releases", new { modelKey = key, versionLabel = "1.0.0", targetStage = "Staging", summary = "s", rolloutPlan = "r" }),
            await manager.PostJsonAsync($"/api/v1/models/{key}/retire", new { reason = "not mine", revision = 1 }),
        };

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode));
        Assert.Equal("Development", (await GetAsync(key)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_engineer_in_the_team_edits_other_fields_but_not_the_tier_and_is_pointed_to_classification()
    {
        var key = await ModelAsync("Credit Risk");
        var engineer = portal.ClientAs(PortalRoles.Engineer);

        var lowered = await engineer.PutJsonAsync($"/api/v1/models/{key}", new { name = "Lowered", riskTier = "Low", status = "Development", revision = 1 });
        Assert.Equal(HttpStatusCode.Forbidden, lowered.StatusCode);
        Assert.Contains("/classification", await DetailAsync(lowered), StringComparison.Ordinal);

        var moved = await engineer.PutJsonAsync($"/api/v1/models/{key}", new { name = "Moved", team = "Fraud", status = "Development", revision = 1 });
        Assert.Equal(HttpStatusCode.Forbidden, moved.StatusCode);

        var renamed = await engineer.PutJsonAsync($"/api/v1/models/{key}", new { name = "Renamed", status = "Validation", revision = 1 });
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        var model = await GetAsync(key);
        Assert.Equal(("Renamed", "High", "Credit Risk"), (model.GetProperty("name").GetString(), model.GetProperty("riskTier").GetString(), model.GetProperty("team").GetString()));
    }

    [Fact]
    public async Task An_admin_changing_the_tier_through_the_ordinary_edit_is_told_to_use_classification()
    {
        var key = await ModelAsync("Credit Risk");

        var response = await portal.ClientAs(PortalRoles.Admin).PutJsonAsync($"/api/v1/models/{key}",
            new { name = "Lowered", riskTier = "Low", status = "Development", revision = 1 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("/classification", (await response.ReadJsonAsync()).GetProperty("errors").GetProperty("riskTier")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("High", (await GetAsync(key)).GetProperty("riskTier").GetString());
    }

    [Fact]
    public async Task A_reviewer_reclassifies_with_a_reason_and_the_trail_has_before_after_and_reason()
    {
        var key = await ModelAsync("Credit Risk");
        var reviewer = portal.ClientAs(PortalRoles.ComplianceReviewer);

        var noReason = await reviewer.PutJsonAsync($"/api/v1/models/{key}/classification", new { riskTier = "Medium", team = "Fraud", revision = 1 });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);

        var changed = await reviewer.PutJsonAsync($"/api/v1/models/{key}/classification",
            new { riskTier = "Medium", team = "Fraud", reason = "Scores only internal limits now.", revision = 1 });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var model = await GetAsync(key);
        Assert.Equal(("Medium", "Fraud", 2), (model.GetProperty("riskTier").GetString(), model.GetProperty("team").GetString(), model.GetProperty("revision").GetInt32()));

        var trail = await (await reviewer.GetAsync($"/api/v1/audit/events?action=Model.Reclassified&modelKey={key}")).ReadJsonAsync();
        var change = trail.GetProperty("items").EnumerateArray().Single();
        Assert.Contains("\"RiskTier\":\"High\"", change.GetProperty("before").GetString(), StringComparison.Ordinal);
        var after = change.GetProperty("after").GetString();
        Assert.Contains("\"RiskTier\":\"Medium\"", after, StringComparison.Ordinal);
        Assert.Contains("\"Team\":\"Fraud\"", after, StringComparison.Ordinal);
        Assert.Contains("Scores only internal limits now.", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nobody_but_a_reviewer_or_an_admin_reclassifies()
    {
        var key = await ModelAsync("Credit Risk");
        var body = new { riskTier = "Low", team = "Credit Risk", reason = "cheaper review", revision = 1 };

        foreach (var role in new[] { PortalRoles.Engineer, PortalRoles.Manager, PortalRoles.Auditor })
        {
            var response = await portal.ClientAs(role).PutJsonAsync($"/api/v1/models/{key}/classification", body);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Contains("Compliance reviewer", await DetailAsync(response), StringComparison.Ordinal);
        }
        Assert.Equal("High", (await GetAsync(key)).GetProperty("riskTier").GetString());
    }

    [Fact]
    public async Task Registering_needs_a_chosen_tier_and_a_team_in_scope()
    {
        var engineer = portal.ClientAs(PortalRoles.Engineer);
        var key = $"scope-{Guid.NewGuid():N}"[..24];

        var noTier = await engineer.PostJsonAsync("/api/v1/models", new { key, name = "No tier", team = "Credit Risk", status = "Development" });
        Assert.Equal(HttpStatusCode.BadRequest, noTier.StatusCode);
        Assert.StartsWith("Choose the risk tier", (await noTier.ReadJsonAsync()).GetProperty("errors").GetProperty("riskTier")[0].GetString(), StringComparison.Ordinal);

        var outside = await engineer.PostJsonAsync("/api/v1/models", new { key, name = "Elsewhere", team = PortalFactory.OutsideTeam, riskTier = "Low" });
        Assert.Equal(HttpStatusCode.Forbidden, outside.StatusCode);
        Assert.Contains(PortalFactory.OutsideTeam, await DetailAsync(outside), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NotFound, (await engineer.GetAsync($"/api/v1/models/{key}")).StatusCode);
    }
}
