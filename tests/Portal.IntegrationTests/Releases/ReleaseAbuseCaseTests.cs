using System.Net;
using Microsoft.Data.Sqlite;
using Portal.Domain.Access;
using Portal.Domain.Releases;
using Portal.IntegrationTests.Fairness;
using Portal.IntegrationTests.Infrastructure;
using Portal.Web.Features.Shared;
using static Portal.IntegrationTests.Releases.ReleasePortal;

namespace Portal.IntegrationTests.Releases;

/// <summary>
/// Issue 13's attacks on releases, each performed and its refusal asserted: lowering the tier of a pending request, tampering
/// with stored signatures or frozen terms, exceptions by tokens or by the only approver, signing for a retired model.
/// </summary>
public sealed class ReleaseAbuseCaseTests(ReleasePortal portal) : IClassFixture<ReleasePortal>
{
    [Fact]
    public async Task Lowering_the_tier_of_a_model_with_a_pending_high_request_does_not_lower_what_the_request_needs()
    {
        var key = await portal.ModelAsync("High", "eng-a");
        var id = await portal.RequestAsync(key, "eng-a");
        (await portal.ClientAs(PortalRoles.Admin).PostCsvAsync(key, "2.0.0", FairnessRequests.Unfair)).EnsureSuccessStatusCode();
        // An Admin bypassing the 409 on tier changes: the model's tier is lowered under the pending request.
        await ExecuteAsync($"UPDATE Models SET RiskTier = 'Low' WHERE Key = '{key}'");

        var blocked = await Assert.ThrowsAsync<ConflictException>(() =>
            portal.Releases.SignAsync(Reviewer("rev-low-1"), portal.FreshSession, id, SignatureMeaning.Approved, "Low tier now."));
        Assert.Contains("Fairness evaluation", blocked.Message, StringComparison.Ordinal);

        await portal.Releases.RecordExceptionAsync(Reviewer("rev-low-exc"), portal.FreshSession, id, "fairness", "Remediation planned.", portal.Now.AddDays(7));
        var detail = await portal.Releases.SignAsync(Reviewer("rev-low-1"), portal.FreshSession, id, SignatureMeaning.Approved, "One sign-off.");

        Assert.Equal(ReleaseStatus.Pending, detail.Status);
        Assert.Equal("1 of 2 required Compliance reviewer sign-offs.", detail.PolicyShortfall);
        Assert.Equal(Domain.Inventory.RiskTier.High, detail.RiskTier);
        Assert.StartsWith("Judged by the High approval policy version 1", detail.JudgedBy, StringComparison.Ordinal);
        await ExecuteAsync($"UPDATE Models SET RiskTier = 'High' WHERE Key = '{key}'");
        var check = await ApprovalAsync(key);
        Assert.False(check.GetProperty("approved").GetBoolean());
    }

    [Fact]
    public async Task Relaxing_the_approval_policy_after_a_request_was_made_does_not_relax_that_request()
    {
        var key = await portal.ModelAsync("Medium", "eng-a");
        var id = await portal.RequestAsync(key, "eng-a");
        await portal.DeactivateOwnerAsync(key);
        var admin = portal.ClientAs(PortalRoles.Admin);
        var relaxed = await admin.PutJsonAsync("/api/v1/approval-policies/Medium",
            new { requiredSignOffs = 1, requireAllGates = false, requireReviewerOutsideTeam = false, revalidationMonths = 24, revision = 1 });
        Assert.Equal(HttpStatusCode.OK, relaxed.StatusCode);
        try
        {
            var blocked = await Assert.ThrowsAsync<ConflictException>(() =>
                portal.Releases.SignAsync(Reviewer("rev-relax"), portal.FreshSession, id, SignatureMeaning.Approved, "Policy says gates do not block."));
            Assert.Contains("Active primary owner", blocked.Message, StringComparison.Ordinal);
        }
        finally
        {
            (await admin.PutJsonAsync("/api/v1/approval-policies/Medium",
                new { requiredSignOffs = 1, requireAllGates = true, requireReviewerOutsideTeam = false, revalidationMonths = 24, revision = 2 })).EnsureSuccessStatusCode();
        }
    }

    [Fact]
    public async Task A_stored_signature_changed_afterwards_makes_the_approval_check_answer_not_approved_with_the_reason()
    {
        var (key, id) = await ApprovedHighReleaseAsync("rev-t1", "rev-t2");
        Assert.True((await ApprovalAsync(key)).GetProperty("approved").GetBoolean());

        await ExecuteAsync($"UPDATE ReleaseSignatures SET Reason = 'Edited afterwards.' WHERE RequestId = {id} AND SignerId = 'rev-t1'");

        var check = await ApprovalAsync(key);
        Assert.False(check.GetProperty("approved").GetBoolean());
        Assert.Contains(Reasons(check), r => r.Contains("signature of Reviewer rev-t1", StringComparison.Ordinal) && r.Contains("fails verification", StringComparison.Ordinal));
        var production = Assert.Single(await portal.Releases.ProductionApprovalsAsync(Actor.System), a => a.ModelKey == key);
        Assert.Contains("fails verification", production.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_frozen_tier_changed_in_the_database_fails_every_signature_and_the_approval()
    {
        var (key, id) = await ApprovedHighReleaseAsync("rev-f1", "rev-f2");

        await ExecuteAsync($"UPDATE ReleaseRequests SET RiskTier = 'Low', PolicyRequiredSignOffs = 1 WHERE Id = {id}");

        var check = await ApprovalAsync(key);
        Assert.False(check.GetProperty("approved").GetBoolean());
        Assert.Equal(2, Reasons(check).Count(r => r.Contains("fails verification", StringComparison.Ordinal)));
        Assert.All((await portal.Releases.GetAsync(Admin, id)).Signatures, s => Assert.False(s.Verified));
    }

    [Fact]
    public async Task A_revalidation_date_pushed_back_in_the_database_fails_the_approving_signature()
    {
        var (key, id) = await ApprovedHighReleaseAsync("rev-d1", "rev-d2");

        await ExecuteAsync($"UPDATE ReleaseRequests SET RevalidationDueAt = '2099-01-01 00:00:00' WHERE Id = {id}");

        var check = await ApprovalAsync(key);
        Assert.False(check.GetProperty("approved").GetBoolean());
        Assert.Contains(Reasons(check), r => r.Contains("signature of Reviewer rev-d2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_request_marked_approved_in_the_database_without_the_signatures_to_bear_it_out_is_not_approved()
    {
        var key = await portal.ModelAsync("High", "eng-a");
        var id = await portal.RequestAsync(key, "eng-a");
        await portal.Releases.SignAsync(Reviewer("rev-s1"), portal.FreshSession, id, SignatureMeaning.Approved, "One of two.");

        await ExecuteAsync($"UPDATE ReleaseRequests SET Status = 'Approved', ApprovedAt = '2026-01-01 00:00:00', RevalidationDueAt = '2099-01-01 00:00:00' WHERE Id = {id}");
        await ExecuteAsync($"UPDATE ModelVersions SET Stage = 'Archived' WHERE Label = '1.0.0' AND ModelKey = '{key}'");
        await ExecuteAsync($"UPDATE ModelVersions SET Stage = 'Production' WHERE Label = '2.0.0' AND ModelKey = '{key}'");

        var check = await ApprovalAsync(key);
        Assert.False(check.GetProperty("approved").GetBoolean());
        Assert.Contains($"No signature approved release request {id}.", Reasons(check));
    }

    [Fact]
    public async Task A_service_token_cannot_record_a_gate_exception()
    {
        var key = await portal.ModelAsync("Medium", "eng-a");
        var id = await portal.RequestAsync(key, "eng-a");

        var response = await portal.ClientAs(PortalRoles.ComplianceReviewer).PostJsonAsync($"/api/v1/releases/{id}/exceptions",
            new { gate = "primary-owner", justification = "170 days, please.", expiresAt = portal.Now.AddDays(170) });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Gate exceptions are recorded by people", (await response.ReadJsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty((await portal.Releases.GetAsync(Admin, id)).Exceptions);
    }

    [Fact]
    public async Task A_person_whose_authentication_is_stale_cannot_record_a_gate_exception()
    {
        var key = await portal.ModelAsync("Medium", "eng-a");
        var id = await portal.RequestAsync(key, "eng-a");

        var refused = await Assert.ThrowsAsync<AccessDeniedException>(() => portal.Releases.RecordExceptionAsync(Reviewer("rev-stale"),
            SigningSession.Person(portal.Now.AddMinutes(-30)), id, "primary-owner", "Grace.", portal.Now.AddDays(7)));

        Assert.Contains("Re-authenticate", refused.Message, StringComparison.Ordinal);
        Assert.Empty((await portal.Releases.GetAsync(Admin, id)).Exceptions);
    }

    [Fact]
    public async Task Whoever_recorded_an_exception_cannot_be_the_only_approver_of_a_one_sign_off_request()
    {
        var key = await portal.ModelAsync("Medium", "eng-a");
        var id = await portal.RequestAsync(key, "eng-a");
        await portal.DeactivateOwnerAsync(key);
        await portal.Releases.RecordExceptionAsync(Reviewer("rev-self"), portal.FreshSession, id, "primary-owner", "Owner returns soon.", portal.Now.AddDays(7));

        var refused = await Assert.ThrowsAsync<AccessDeniedException>(() =>
            portal.Releases.SignAsync(Reviewer("rev-self"), portal.FreshSession, id, SignatureMeaning.Approved, "My exception covers it."));
        Assert.Contains("you recorded a gate exception on this request", refused.Message, StringComparison.Ordinal);
        Assert.Equal(ReleaseStatus.Pending, (await portal.Releases.GetAsync(Admin, id)).Status);

        var approved = await portal.Releases.SignAsync(Reviewer("rev-other"), portal.FreshSession, id, SignatureMeaning.Approved, "Exception reviewed.");
        Assert.Equal(ReleaseStatus.Approved, approved.Status);
    }

    [Fact]
    public async Task Signing_a_request_of_a_retired_model_is_refused()
    {
        var key = await portal.ModelAsync("Low", "eng-a");
        var id = await portal.RequestAsync(key, "eng-a");
        var admin = portal.ClientAs(PortalRoles.Admin);
        var revision = (await (await admin.GetAsync($"/api/v1/models/{key}")).ReadJsonAsync()).GetProperty("revision").GetInt32();
        (await admin.PostJsonAsync($"/api/v1/models/{key}/retire", new { reason = "Replaced.", revision })).EnsureSuccessStatusCode();

        var refused = await Assert.ThrowsAsync<ConflictException>(() =>
            portal.Releases.SignAsync(Reviewer("rev-retired"), portal.FreshSession, id, SignatureMeaning.Approved, "Looks fine."));

        Assert.Contains("is retired", refused.Message, StringComparison.Ordinal);
        Assert.Equal("1.0.0", (await portal.VersionAsync(key, "1.0.0")).GetProperty("label").GetString());
        Assert.Equal("None", (await portal.VersionAsync(key, "2.0.0")).GetProperty("stage").GetString());
    }

    private async Task<(string Key, int Id)> ApprovedHighReleaseAsync(string first, string second)
    {
        var key = await portal.ModelAsync("High", "eng-a");
        var id = await portal.RequestAsync(key, "eng-a");
        await portal.Releases.SignAsync(Reviewer(first), portal.FreshSession, id, SignatureMeaning.Approved, "Good.");
        var detail = await portal.Releases.SignAsync(Reviewer(second), portal.FreshSession, id, SignatureMeaning.Approved, "Good.");
        Assert.Equal(ReleaseStatus.Approved, detail.Status);
        return (key, id);
    }

    private async Task<System.Text.Json.JsonElement> ApprovalAsync(string key) =>
        await (await portal.ClientAs(PortalRoles.Engineer).GetAsync($"/api/v1/models/{key}/versions/2.0.0/approval?stage=Production")).ReadJsonAsync();

    private static List<string> Reasons(System.Text.Json.JsonElement check) =>
        [.. check.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()!)];

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = portal.OpenDatabase();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        Assert.True(await command.ExecuteNonQueryAsync() > 0, sql);
    }
}
