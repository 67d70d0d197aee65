using System.Net;
using Portal.Domain.Access;
using Portal.Domain.Releases;
using Portal.Domain.Versions;
using Portal.IntegrationTests.Infrastructure;
using Portal.Web.Features.Shared;
using static Portal.IntegrationTests.Releases.ReleasePortal;

namespace Portal.IntegrationTests.Releases;

[Trait("Category", TestEngine.SqliteOnly)]
public sealed class ReleaseWorkflowTests(ReleasePortal portal) : IClassFixture<ReleasePortal>
{
    [Fact]
    public async Task A_team_member_requests_through_the_api_and_the_request_is_pending_and_audited()
    {
        var key = await portal.ModelAsync("Low");
        var response = await portal.ClientAs(PortalRoles.Engineer).PostJsonAsync("/api/v1/releases",
            new { modelKey = key, versionLabel = "2.0.0", targetStage = "Production", summary = "Better AUC.", rolloutPlan = "Canary 10%." });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.ReadJsonAsync();
        Assert.Equal("Pending", created.GetProperty("status").GetString());
        Assert.Equal(1, await portal.CountAuditAsync("Release.Requested", $"{key}@2.0.0"));

        var again = await portal.ClientAs(PortalRoles.Engineer).PostJsonAsync("/api/v1/releases",
            new { modelKey = key, versionLabel = "2.0.0", targetStage = "Production", summary = "Again.", rolloutPlan = "Same." });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task A_request_without_summary_rollout_plan_or_a_release_stage_is_rejected_field_by_field()
    {
        var key = await portal.ModelAsync("Low");
        var response = await portal.ClientAs(PortalRoles.Engineer).PostJsonAsync("/api/v1/releases",
            new { modelKey = key, versionLabel = "2.0.0", targetStage = "Archived" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadJsonAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("targetStage", out _) && errors.TryGetProperty("summary", out _) && errors.TryGetProperty("rolloutPlan", out _));
    }

    [Fact]
    public async Task An_engineer_outside_the_team_who_owns_nothing_cannot_request_and_the_denial_is_audited()
    {
        var key = await portal.ModelAsync("Low");
        var outsider = Engineer("outsider-eng");
        var denied = await Assert.ThrowsAsync<AccessDeniedException>(() =>
            portal.Releases.CreateAsync(outsider, key, "2.0.0", VersionStage.Production, "s", "r"));
        Assert.Contains("you are not an owner or a member of team", denied.Message);
        Assert.Contains("you are not an owner or a member of team", await portal.LastDenialAsync(outsider.Id));
    }

    [Fact]
    public async Task The_requester_cannot_sign_their_own_request()
    {
        var key = await portal.ModelAsync("Low", "eng-and-reviewer");
        var both = new Actor("eng-and-reviewer", "Both Roles", new HashSet<string> { PortalRoles.Engineer, PortalRoles.ComplianceReviewer });
        var id = (await portal.Releases.CreateAsync(both, key, "2.0.0", VersionStage.Production, "s", "r")).Id;

        var denied = await Assert.ThrowsAsync<AccessDeniedException>(() =>
            portal.Releases.SignAsync(both, portal.FreshSession, id, SignatureMeaning.Approved, "Looks good."));
        Assert.Contains("you requested this release", denied.Message);
        Assert.Contains("Separation of duties", await portal.LastDenialAsync(both.Id));
        Assert.Empty((await portal.Releases.GetAsync(Admin, id)).Signatures);
    }

    [Fact]
    public async Task An_owner_cannot_sign_their_models_release()
    {
        var key = await portal.ModelAsync("Low", "eng-a");
        var ownerReviewer = Reviewer(await portal.PersonAsync("reviewer-backup-owner"));
        await portal.AssignOwnerAsync(key, ownerReviewer.Id, "Backup");
        var id = await portal.RequestAsync(key, "eng-a");

        var denied = await Assert.ThrowsAsync<AccessDeniedException>(() =>
            portal.Releases.SignAsync(ownerReviewer, portal.FreshSession, id, SignatureMeaning.Approved, "Mine."));
        Assert.Contains($"you own {key}", denied.Message);
    }

    [Fact]
    public async Task A_signature_more_than_five_minutes_after_authentication_is_refused_and_audited()
    {
        var key = await portal.ModelAsync("Low", "eng-a");
        var id = await portal.RequestAsync(key, "eng-a");
        var reviewer = Reviewer("stale-reviewer");

        var denied = await Assert.ThrowsAsync<AccessDeniedException>(() => portal.Releases.SignAsync(reviewer,
            SigningSession.Person(portal.Now.AddMinutes(-5).AddSeconds(-1)), id, SignatureMeaning.Approved, "Fine."));
        Assert.Contains("Re-authenticate at the identity provider", denied.Message);
        Assert.Contains("more than 5 minutes ago", await portal.LastDenialAsync(reviewer.Id));
        Assert.Equal(ReleaseStatus.Pending, (await portal.Releases.GetAsync(Admin, id)).Status);
    }

    [Fact]
    public async Task A_service_token_cannot_sign_even_as_a_compliance_reviewer()
    {
        var key = await portal.ModelAsync("Low", "eng-a");
        var id = await portal.RequestAsync(key, "eng-a");
        var response = await portal.ClientAs(PortalRoles.ComplianceReviewer).PostJsonAsync($"/api/v1/releases/{id}/signatures",
            new { meaning = "Approved", reason = "Pipeline says yes." });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Signatures are made by people", (await response.ReadJsonAsync()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task One_reviewer_approves_a_low_tier_release_and_the_version_replaces_the_production_version()
    {
        var key = await portal.ModelAsync("Low", "eng-a");
        var id = await portal.RequestAsync(key, "eng-a");

        var detail = await portal.Releases.SignAsync(Reviewer("rita-low"), portal.FreshSession, id, SignatureMeaning.Approved, "Evidence reviewed.");

        Assert.Equal(ReleaseStatus.Approved, detail.Status);
        Assert.Equal(portal.Now.AddMonths(36), detail.RevalidationDueAt);
        Assert.Equal(("1.0.0", true), (detail.Champion?.Champion.Label, detail.Champion?.Comparable));
        var signature = Assert.Single(detail.Signatures);
        Assert.True(signature.Verified);
        Assert.Equal(("Reviewer rita-low", SignatureMeaning.Approved, "Evidence reviewed."), (signature.SignerName, signature.Meaning, signature.Reason));
        Assert.Equal("Production", (await portal.VersionAsync(key, "2.0.0")).GetProperty("stage").GetString());
        Assert.Equal("Archived", (await portal.VersionAsync(key, "1.0.0")).GetProperty("stage").GetString());
        Assert.Equal(1, await portal.CountAuditAsync("Release.Promoted", $"release-{id}"));
        Assert.Equal(1, await portal.CountAuditAsync("Release.Signed", $"release-{id}:rita-low:Approved"));
        // The champion is archived and saved ahead of the promotion; the request is still audited once, as promoted.
        Assert.Equal(0, await portal.CountAuditAsync("Release.Reviewed", $"release-{id}"));
        Assert.Equal([$"{key}@1.0.0", $"{key}@1.0.0", $"{key}@2.0.0"], await portal.StageChangesAsync(key));
    }

    [Fact]
    public async Task A_failing_gate_blocks_a_medium_tier_approval_until_a_compliance_reviewer_records_an_exception()
    {
        var key = await portal.ModelAsync("Medium", "eng-a");
        var id = await portal.RequestAsync(key, "eng-a");
        await portal.DeactivateOwnerAsync(key);

        var blocked = await Assert.ThrowsAsync<ConflictException>(() =>
            portal.Releases.SignAsync(Reviewer("rita-med"), portal.FreshSession, id, SignatureMeaning.Approved, "Fine."));
        Assert.Contains("Active primary owner", blocked.Message);
        var gate = Assert.Single((await portal.Releases.GetAsync(Admin, id)).Gates, g => g.Gate == "primary-owner");
        Assert.True(gate is { Passed: false, Blocking: true });

        await portal.Releases.RecordExceptionAsync(Reviewer("rita-rec"), portal.FreshSession, id, "primary-owner", "New owner starts Monday.", portal.Now.AddDays(7));
        Assert.Equal(1, await portal.CountAuditAsync("Release.GateExceptionRecorded"));

        var detail = await portal.Releases.SignAsync(Reviewer("rita-med"), portal.FreshSession, id, SignatureMeaning.Approved, "Exception covers it.");
        Assert.Equal(ReleaseStatus.Approved, detail.Status);
        Assert.Contains(detail.Gates, g => g is { Gate: "primary-owner", Passed: false, Excepted: true });
    }

    [Fact]
    public async Task An_expired_exception_no_longer_covers_its_gate()
    {
        var key = await portal.ModelAsync("Medium", "eng-a");
        var id = await portal.RequestAsync(key, "eng-a");
        await portal.DeactivateOwnerAsync(key);
        await portal.Releases.RecordExceptionAsync(Reviewer("rita-exc"), portal.FreshSession, id, "primary-owner", "Short grace.", portal.Now.AddHours(1));
        portal.Clock.Advance(TimeSpan.FromHours(2));

        await Assert.ThrowsAsync<ConflictException>(() =>
            portal.Releases.SignAsync(Reviewer("rita-exp"), portal.FreshSession, id, SignatureMeaning.Approved, "Fine."));
        Assert.False(Assert.Single((await portal.Releases.GetAsync(Admin, id)).Exceptions).Valid);
    }

    [Fact]
    public async Task A_low_tier_release_is_approved_with_a_failing_gate_shown_but_not_blocking()
    {
        var key = await portal.ModelAsync("Low", "eng-a");
        var id = await portal.RequestAsync(key, "eng-a");
        await portal.DeactivateOwnerAsync(key);

        var detail = await portal.Releases.SignAsync(Reviewer("rita-low2"), portal.FreshSession, id, SignatureMeaning.Approved, "Low risk.");
        Assert.Equal(ReleaseStatus.Approved, detail.Status);
        Assert.Contains(detail.Gates, g => g is { Gate: "primary-owner", Passed: false, Blocking: false });
    }

    [Fact]
    public async Task A_high_tier_release_needs_two_different_reviewers_one_from_outside_the_team()
    {
        var key = await portal.ModelAsync("High", "eng-a", "rev-in-1", "rev-in-2");
        var id = await portal.RequestAsync(key, "eng-a");

        var first = await portal.Releases.SignAsync(Reviewer("rev-in-1"), portal.FreshSession, id, SignatureMeaning.Approved, "Good.");
        Assert.Equal(("1 of 2 required Compliance reviewer sign-offs.", ReleaseStatus.Pending), (first.PolicyShortfall, first.Status));
        await Assert.ThrowsAsync<ConflictException>(() =>
            portal.Releases.SignAsync(Reviewer("rev-in-1"), portal.FreshSession, id, SignatureMeaning.Approved, "Again."));

        var second = await portal.Releases.SignAsync(Reviewer("rev-in-2"), portal.FreshSession, id, SignatureMeaning.Approved, "Good too.");
        Assert.Equal(ReleaseStatus.Pending, second.Status);
        Assert.Contains("outside the model's team", second.PolicyShortfall);
        Assert.Equal("Production", (await portal.VersionAsync(key, "1.0.0")).GetProperty("stage").GetString());

        var third = await portal.Releases.SignAsync(Reviewer("rev-out"), portal.FreshSession, id, SignatureMeaning.Approved, "Independent.");
        Assert.Equal(ReleaseStatus.Approved, third.Status);
        Assert.Equal(portal.Now.AddMonths(12), third.RevalidationDueAt);
        Assert.All(third.Signatures, s => Assert.True(s.Verified));
    }

    [Fact]
    public async Task A_rejection_closes_the_request_and_leaves_the_version_where_it_was()
    {
        var key = await portal.ModelAsync("High", "eng-a");
        var id = await portal.RequestAsync(key, "eng-a");
        await portal.Releases.SignAsync(Reviewer("rev-a"), portal.FreshSession, id, SignatureMeaning.Approved, "Good.");

        var rejected = await portal.Releases.SignAsync(Reviewer("rev-b"), portal.FreshSession, id, SignatureMeaning.Rejected, "Bias not evaluated.");
        Assert.Equal(ReleaseStatus.Rejected, rejected.Status);
        Assert.Equal("None", (await portal.VersionAsync(key, "2.0.0")).GetProperty("stage").GetString());
        var closed = await Assert.ThrowsAsync<ConflictException>(() =>
            portal.Releases.SignAsync(Reviewer("rev-c"), portal.FreshSession, id, SignatureMeaning.Approved, "Late."));
        Assert.Contains("already rejected", closed.Message);
        Assert.Equal(1, await portal.CountAuditAsync("Release.Rejected", $"release-{id}"));
    }

    [Fact]
    public async Task Only_the_requester_or_an_admin_withdraws_and_only_while_pending()
    {
        var key = await portal.ModelAsync("Low", "eng-a", "eng-b");
        var id = await portal.RequestAsync(key, "eng-a");

        await Assert.ThrowsAsync<AccessDeniedException>(() => portal.Releases.WithdrawAsync(Engineer("eng-b"), id));
        Assert.Equal(ReleaseStatus.Withdrawn, (await portal.Releases.WithdrawAsync(Engineer("eng-a"), id)).Status);
        await Assert.ThrowsAsync<ConflictException>(() => portal.Releases.WithdrawAsync(Engineer("eng-a"), id));
        await Assert.ThrowsAsync<ConflictException>(() =>
            portal.Releases.SignAsync(Reviewer("rev-w"), portal.FreshSession, id, SignatureMeaning.Approved, "Late."));

        var other = await portal.RequestAsync(key, "eng-b", stage: "Staging");
        var response = await portal.ClientAs(PortalRoles.Admin).PostAsync($"/api/v1/releases/{other}/withdraw", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, await portal.CountAuditAsync("Release.Withdrawn", $"release-{id}"));
    }

    [Fact]
    public async Task Changing_the_signed_record_afterwards_makes_verification_fail()
    {
        var key = await portal.ModelAsync("Low", "eng-a");
        var id = await portal.RequestAsync(key, "eng-a");
        await portal.Releases.SignAsync(Reviewer("rev-t"), portal.FreshSession, id, SignatureMeaning.Approved, "Good.");
        var client = portal.ClientAs(PortalRoles.Auditor);
        Assert.True((await (await client.GetAsync($"/api/v1/releases/{id}")).ReadJsonAsync()).GetProperty("signatures")[0].GetProperty("verified").GetBoolean());

        await using (var connection = portal.OpenDatabase())
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"UPDATE ReleaseRequests SET RolloutPlan = 'Straight to 100%.' WHERE Id = {id}";
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        var signature = (await (await client.GetAsync($"/api/v1/releases/{id}")).ReadJsonAsync()).GetProperty("signatures")[0];
        Assert.False(signature.GetProperty("verified").GetBoolean());
    }

    [Fact]
    public async Task Changing_a_signatures_reason_afterwards_makes_verification_fail()
    {
        var key = await portal.ModelAsync("Low", "eng-a");
        var id = await portal.RequestAsync(key, "eng-a");
        await portal.Releases.SignAsync(Reviewer("rev-r"), portal.FreshSession, id, SignatureMeaning.Approved, "Good.");
        await using (var connection = portal.OpenDatabase())
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"UPDATE ReleaseSignatures SET Reason = 'Did not look.' WHERE RequestId = {id}";
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }
        Assert.False(Assert.Single((await portal.Releases.GetAsync(Admin, id)).Signatures).Verified);
    }
}
