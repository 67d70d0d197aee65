using System.Net;
using Portal.Domain.Access;
using Portal.Domain.Releases;
using Portal.IntegrationTests.Infrastructure;
using Portal.Web.Features.Shared;
using static Portal.IntegrationTests.Releases.ReleasePortal;

namespace Portal.IntegrationTests.Releases;

/// <summary>The CD gate check, production approvals for the stale-model checks, and the Admin's approval policies.</summary>
public sealed class ReleaseApprovalApiTests(ReleasePortal portal) : IClassFixture<ReleasePortal>
{
    [Fact]
    public async Task A_version_never_released_is_not_approved_with_reasons()
    {
        var key = await portal.ModelAsync("Low", "eng-a");
        var check = await (await portal.ClientAs(PortalRoles.Engineer).GetAsync($"/api/v1/models/{key}/versions/2.0.0/approval?stage=Production")).ReadJsonAsync();
        Assert.False(check.GetProperty("approved").GetBoolean());
        var reasons = check.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()).ToList();
        Assert.Contains($"Version 2.0.0 of {key} is in None, not Production.", reasons);
        Assert.Contains(reasons, r => r!.StartsWith("No approved release request", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_version_put_in_production_by_an_admin_override_is_not_approved()
    {
        var key = await portal.ModelAsync("Low", "eng-a");
        var check = await (await portal.ClientAs(PortalRoles.Engineer).GetAsync($"/api/v1/models/{key}/versions/1.0.0/approval?stage=Production")).ReadJsonAsync();
        Assert.False(check.GetProperty("approved").GetBoolean());
        Assert.Equal($"No approved release request moved {key}@1.0.0 to Production.", check.GetProperty("reasons")[0].GetString());
    }

    [Fact]
    public async Task An_approved_release_is_approved_until_its_revalidation_is_due()
    {
        var key = await portal.ModelAsync("High", "eng-a");
        var id = await portal.RequestAsync(key, "eng-a");
        await portal.Releases.SignAsync(Reviewer("rev-x"), portal.FreshSession, id, SignatureMeaning.Approved, "Good.");
        await portal.Releases.SignAsync(Reviewer("rev-y"), portal.FreshSession, id, SignatureMeaning.Approved, "Good.");
        var client = portal.ClientAs(PortalRoles.Engineer);

        var check = await (await client.GetAsync($"/api/v1/models/{key}/versions/2.0.0/approval?stage=Production")).ReadJsonAsync();
        Assert.True(check.GetProperty("approved").GetBoolean());
        Assert.Equal(id, check.GetProperty("requestId").GetInt32());
        Assert.Empty(check.GetProperty("reasons").EnumerateArray());
        var approvals = await portal.Releases.ProductionApprovalsAsync(Actor.System);
        Assert.Contains(approvals, a => a.ModelKey == key && a.VersionLabel == "2.0.0" && a.RequestId == id && a.RevalidationDueAt == portal.Now.AddMonths(12));

        portal.Clock.Advance(TimeSpan.FromDays(366));
        var stale = await (await client.GetAsync($"/api/v1/models/{key}/versions/2.0.0/approval?stage=Production")).ReadJsonAsync();
        Assert.False(stale.GetProperty("approved").GetBoolean());
        Assert.Contains("due for revalidation", stale.GetProperty("reasons")[0].GetString());
    }

    [Fact]
    public async Task An_unknown_stage_is_a_bad_request_and_an_unknown_version_is_not_found()
    {
        var key = await portal.ModelAsync("Low");
        var client = portal.ClientAs(PortalRoles.Engineer);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"/api/v1/models/{key}/versions/2.0.0/approval?stage=Archived")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/models/{key}/versions/9.9.9/approval?stage=Production")).StatusCode);
    }

    [Fact]
    public async Task The_release_list_filters_by_model_and_status()
    {
        var key = await portal.ModelAsync("Low", "eng-a");
        var id = await portal.RequestAsync(key, "eng-a");
        var client = portal.ClientAs(PortalRoles.Auditor);
        var pending = await (await client.GetAsync($"/api/v1/releases?model={key}&status=Pending")).ReadJsonAsync();
        Assert.Equal(id, pending.GetProperty("items")[0].GetProperty("id").GetInt32());
        var approved = await (await client.GetAsync($"/api/v1/releases?model={key}&status=Approved")).ReadJsonAsync();
        Assert.Equal(0, approved.GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task An_admin_changes_a_tier_policy_the_change_is_audited_and_applies_to_the_next_signature()
    {
        var admin = portal.ClientAs(PortalRoles.Admin);
        var response = await admin.PutJsonAsync("/api/v1/approval-policies/Medium",
            new { requiredSignOffs = 2, requireAllGates = true, requireReviewerOutsideTeam = false, revalidationMonths = 18, revision = 1 });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, await portal.CountAuditAsync("ApprovalPolicy.Changed", "Medium"));
        var stale = await admin.PutJsonAsync("/api/v1/approval-policies/Medium",
            new { requiredSignOffs = 1, requireAllGates = true, requireReviewerOutsideTeam = false, revalidationMonths = 18, revision = 1 });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var engineer = await portal.ClientAs(PortalRoles.Engineer).PutJsonAsync("/api/v1/approval-policies/Medium",
            new { requiredSignOffs = 1, requireAllGates = true, requireReviewerOutsideTeam = false, revalidationMonths = 18, revision = 2 });
        Assert.Equal(HttpStatusCode.Forbidden, engineer.StatusCode);

        var key = await portal.ModelAsync("Medium", "eng-a");
        var id = await portal.RequestAsync(key, "eng-a");
        var first = await portal.Releases.SignAsync(Reviewer("rev-p1"), portal.FreshSession, id, SignatureMeaning.Approved, "One.");
        Assert.Equal(ReleaseStatus.Pending, first.Status);
        var second = await portal.Releases.SignAsync(Reviewer("rev-p2"), portal.FreshSession, id, SignatureMeaning.Approved, "Two.");
        Assert.Equal(portal.Now.AddMonths(18), second.RevalidationDueAt);

        await admin.PutJsonAsync("/api/v1/approval-policies/Medium",
            new { requiredSignOffs = 1, requireAllGates = true, requireReviewerOutsideTeam = false, revalidationMonths = 24, revision = 2 });
    }

    [Fact]
    public async Task Out_of_range_policy_values_are_rejected()
    {
        var response = await portal.ClientAs(PortalRoles.Admin).PutJsonAsync("/api/v1/approval-policies/Low",
            new { requiredSignOffs = 0, requireAllGates = false, requireReviewerOutsideTeam = false, revalidationMonths = 500, revision = 1 });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Recording_an_exception_needs_a_compliance_reviewer()
    {
        var key = await portal.ModelAsync("Low", "eng-a");
        var id = await portal.RequestAsync(key, "eng-a");
        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            portal.Releases.RecordExceptionAsync(Engineer("eng-a"), portal.FreshSession, id, "primary-owner", "Trust me.", portal.Now.AddDays(1)));
        await Assert.ThrowsAsync<InputRejectedException>(() =>
            portal.Releases.RecordExceptionAsync(Reviewer("rev-e"), portal.FreshSession, id, "no-such-gate", "Unknown gate.", portal.Now.AddDays(1)));
    }
}
