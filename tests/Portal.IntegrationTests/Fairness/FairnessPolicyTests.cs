using System.Net;
using Portal.Domain.Access;
using Portal.IntegrationTests.Infrastructure;

namespace Portal.IntegrationTests.Fairness;

[Trait("Category", TestEngine.SqliteOnly)]
public sealed class FairnessPolicyTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static object Change(int expectedVersion, double minRatio = 0.9, params string[] required) => new
    {
        expectedVersion,
        minDemographicParityRatio = minRatio,
        maxDemographicParityDifference = 0.1,
        maxEqualizedOddsDifference = 0.1,
        requiredSensitiveFeatures = required,
        maximumAgeDays = 30,
        reason = "Stricter after the annual review.",
    };

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = portal.OpenDatabase();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task The_default_applies_until_a_tier_has_its_own_policy()
    {
        var policies = await (await portal.ClientAs(PortalRoles.Auditor).GetAsync("/api/v1/fairness/policies")).ReadJsonAsync();

        Assert.Equal(["High", "Medium", "Low"], policies.EnumerateArray().Select(p => p.GetProperty("riskTier").GetString()));
        // Other tests here change Medium and Low; High only ever receives refused changes.
        var high = policies[0];
        Assert.Equal((0, 90, 0.8, 0.1, 0.1), (high.GetProperty("version").GetInt32(), high.GetProperty("maximumAgeDays").GetInt32(),
            high.GetProperty("minDemographicParityRatio").GetDouble(), high.GetProperty("maxDemographicParityDifference").GetDouble(),
            high.GetProperty("maxEqualizedOddsDifference").GetDouble()));
    }

    [Theory]
    [InlineData(PortalRoles.Engineer)]
    [InlineData(PortalRoles.Manager)]
    [InlineData(PortalRoles.Auditor)]
    public async Task Only_reviewers_and_admins_change_a_policy_and_a_denial_is_audited(string role)
    {
        var response = await portal.ClientAs(role).PutJsonAsync("/api/v1/fairness/policies/Medium", Change(0));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Compliance reviewer", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(await CountAsync("SELECT COUNT(*) FROM AuditEvents WHERE Action = 'Access.Denied' AND EntityId = 'ManageFairnessPolicy'") >= 1);
    }

    [Fact]
    public async Task A_reviewer_change_is_a_new_audited_version_and_a_stale_one_is_refused()
    {
        var reviewer = portal.ClientAs(PortalRoles.ComplianceReviewer);

        var changed = await reviewer.PutJsonAsync("/api/v1/fairness/policies/Low", Change(0, 0.85, "sex"));
        var stale = await portal.ClientAs(PortalRoles.Admin).PutJsonAsync("/api/v1/fairness/policies/Low", Change(0));

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var policy = await changed.ReadJsonAsync();
        Assert.Equal(1, policy.GetProperty("version").GetInt32());
        Assert.Equal(0.85, policy.GetProperty("minDemographicParityRatio").GetDouble());
        Assert.Equal("sex", policy.GetProperty("requiredSensitiveFeatures")[0].GetString());
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM AuditEvents WHERE Action = 'FairnessPolicy.Changed' AND EntityId = 'Low@v1' AND ActorName = 'test-compliancereviewer'"));
        var history = await (await reviewer.GetAsync("/api/v1/fairness/policies/Low")).ReadJsonAsync();
        Assert.Equal([1, 0], history.EnumerateArray().Select(p => p.GetProperty("version").GetInt32()));
    }

    [Fact]
    public async Task Thresholds_outside_zero_to_one_are_refused()
    {
        var response = await portal.ClientAs(PortalRoles.Admin).PutJsonAsync("/api/v1/fairness/policies/High", Change(0, 1.5));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("minDemographicParityRatio", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_evaluation_is_judged_by_the_policy_in_force_when_it_was_made()
    {
        var engineer = portal.ClientAs(PortalRoles.Engineer);
        (await engineer.PostJsonAsync("/api/v1/models", new { key = "fair-policy-judge", name = "Judge", team = "Credit Risk", riskTier = "Medium", status = "Development" })).EnsureSuccessStatusCode();
        (await engineer.PostJsonAsync("/api/v1/models/fair-policy-judge/versions", Versions.VersionRequests.NewVersion("1.0"))).EnsureSuccessStatusCode();
        // 0.82 passes the default four-fifths rule but not a ratio of 0.9.
        var before = await (await engineer.PostJsonAsync("/api/v1/models/fair-policy-judge/versions/1.0/fairness-evaluations/imported", FairnessRequests.Report(0.41, 0.5))).ReadJsonAsync();

        (await portal.ClientAs(PortalRoles.ComplianceReviewer).PutJsonAsync("/api/v1/fairness/policies/Medium", Change(0, 0.9, "sex", "age"))).EnsureSuccessStatusCode();
        var after = await (await engineer.PostJsonAsync("/api/v1/models/fair-policy-judge/versions/1.0/fairness-evaluations/imported", FairnessRequests.Report(0.41, 0.5))).ReadJsonAsync();

        Assert.Equal((true, 0), (before.GetProperty("passed").GetBoolean(), before.GetProperty("policyVersion").GetInt32()));
        Assert.Equal((false, 1), (after.GetProperty("passed").GetBoolean(), after.GetProperty("policyVersion").GetInt32()));
        var checks = after.GetProperty("failures").EnumerateArray().Select(f => f.GetProperty("check").GetString()).ToList();
        Assert.Equal(["demographicParityRatio", "requiredSensitiveFeature"], checks);
        var listed = await (await engineer.GetAsync("/api/v1/models/fair-policy-judge/fairness-evaluations")).ReadJsonAsync();
        Assert.True(listed.EnumerateArray().Single(e => e.GetProperty("policyVersion").GetInt32() == 0).GetProperty("passed").GetBoolean());
    }
}
