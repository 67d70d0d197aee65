using System.Net;
using System.Text.Json;
using Portal.Domain.Access;
using Portal.Domain.Findings;
using Portal.IntegrationTests.Documents;
using Portal.IntegrationTests.Infrastructure;
using Portal.IntegrationTests.Releases;

namespace Portal.IntegrationTests.Findings;

/// <summary>Issue 17, findings: raised by a reviewer, remediated by its owner with evidence, closed or reopened by another reviewer; told and audited.</summary>
public sealed class FindingWorkflowTests(ReleasePortal portal) : IClassFixture<ReleasePortal>
{
    [Fact]
    public async Task A_finding_goes_from_raised_to_remediated_to_closed_and_each_step_is_audited_with_what_changed()
    {
        var key = await portal.ModelAsync("Low", "finding-team-member");
        var raised = await portal.RaiseAsync(key);
        Assert.Equal((FindingStatus.Open, $"owner-{key}", $"Team {key}"), (raised.Status, raised.RemediationOwner, raised.Team));

        var remediated = await portal.Findings().RemediateAsync(FindingArrangements.OwnerOf(key), raised.Id, "Re-ran it.",
            [new EvidenceInput(EvidenceKind.Version, "2.0.0")], raised.Revision);
        var evidence = Assert.Single(remediated.Evidence);
        Assert.Equal((EvidenceKind.Version, "2.0.0"), (evidence.Kind, evidence.Reference));
        Assert.StartsWith("Version 2.0.0 (None), registered ", evidence.Description, StringComparison.Ordinal);

        var closed = await portal.Findings().CloseAsync(FindingArrangements.Closer, raised.Id, "Checked the new back-test.", remediated.Revision);
        Assert.Equal((FindingStatus.Closed, "Reviewer finding-closer"), (closed.Status, closed.ClosedByName));

        var events = await portal.FindingEventsAsync(raised.Id);
        Assert.Equal([FindingAuditActions.Raised, FindingAuditActions.Remediated, FindingAuditActions.Closed], events.Select(e => e.Action));
        Assert.All(events, e => Assert.Equal(key, e.ModelKey));
        Assert.Contains("\"Status\":\"Remediated\"", events[2].Before, StringComparison.Ordinal);
        Assert.Contains("\"Status\":\"Closed\"", events[2].After, StringComparison.Ordinal);
        Assert.Equal("finding-closer", events[2].ActorId);
    }

    [Fact]
    public async Task The_people_of_a_finding_are_told_at_each_step_with_a_link_to_it()
    {
        var key = await portal.ModelAsync("Low");
        await portal.AssignOwnerAsync(key, await portal.PersonAsync($"backup-{key}"), "Backup");
        var raised = await portal.RaiseAsync(key);
        var link = $"/findings/{raised.Id}";
        Assert.Contains(($"owner-{key}", $"High finding on {key}: Holdout overlaps (High)", link), await portal.NotificationsAsync());
        Assert.Contains(await portal.NotificationsAsync(), n => n.Recipient == $"backup-{key}" && n.Link == link);

        var remediated = await portal.Findings().RemediateAsync(FindingArrangements.OwnerOf(key), raised.Id, "Done.", [], raised.Revision);
        Assert.Contains(("finding-raiser", $"Finding on {key} remediated: Holdout overlaps (High)", link), await portal.NotificationsAsync());

        await portal.Findings().ReopenAsync(FindingArrangements.Closer, raised.Id, "The holdout still overlaps by a week.", remediated.Revision);
        Assert.Contains(($"owner-{key}", $"Finding on {key} reopened: Holdout overlaps (High)", link), await portal.NotificationsAsync());
    }

    [Fact]
    public async Task A_reopened_finding_is_remediated_again_and_then_closed()
    {
        var key = await portal.ModelAsync("Low");
        var remediated = await portal.RemediatedAsync(key);
        var reopened = await portal.Findings().ReopenAsync(FindingArrangements.Closer, remediated.Id, "Not enough.", remediated.Revision);
        Assert.Equal((FindingStatus.Reopened, "Not enough."), (reopened.Status, reopened.ReopenReason));

        var again = await portal.Findings().RemediateAsync(FindingArrangements.OwnerOf(key), remediated.Id, "Fixed properly.", [], reopened.Revision);
        var closed = await portal.Findings().CloseAsync(FindingArrangements.Closer, remediated.Id, "Good.", again.Revision);
        Assert.Equal(FindingStatus.Closed, closed.Status);
    }

    [Fact]
    public async Task The_api_raises_lists_filters_and_reads_findings()
    {
        var key = await portal.ModelAsync("Low");
        var admin = portal.ClientAs(PortalRoles.Admin);
        var due = DateOnly.FromDateTime(portal.Now).AddDays(10).ToString("yyyy-MM-dd");

        var created = await admin.PostJsonAsync($"/api/v1/models/{key}/findings",
            new { title = "No drift monitoring", severity = "medium", description = "Income is not monitored.", remediationOwner = $"owner-{key}", dueDate = due });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.ReadJsonAsync()).GetProperty("id").GetString();
        Assert.Equal($"/api/v1/findings/{id}", created.Headers.Location?.OriginalString);

        var auditor = portal.ClientAs(PortalRoles.Auditor);
        var one = await (await auditor.GetAsync($"/api/v1/findings/{id}")).ReadJsonAsync();
        Assert.Equal(("Medium", "Open", due), (one.GetProperty("severity").GetString(), one.GetProperty("status").GetString(), one.GetProperty("dueDate").GetString()));

        var ofModel = await (await auditor.GetAsync($"/api/v1/models/{key}/findings?status=open")).ReadJsonAsync();
        Assert.Equal(1, ofModel.GetProperty("totalCount").GetInt32());
        var none = await (await auditor.GetAsync($"/api/v1/findings?model={key}&severity=Critical")).ReadJsonAsync();
        Assert.Equal(0, none.GetProperty("totalCount").GetInt32());
        var byTeam = await (await auditor.GetAsync($"/api/v1/findings?team={Uri.EscapeDataString($"team {key}")}")).ReadJsonAsync();
        Assert.Equal(id, Assert.Single(byTeam.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task The_api_remediates_and_a_reviewer_token_of_the_team_closes()
    {
        var key = await portal.ModelAsync("Low");
        var raised = await portal.RaiseAsync(key);
        await portal.Findings().RemediateAsync(FindingArrangements.OwnerOf(key), raised.Id, "Done.", [], raised.Revision);
        var reviewer = portal.ClientAs(PortalRoles.ComplianceReviewer);

        // The test's reviewer token is scoped to other teams than this model's: refused, and nothing changes.
        var refused = await reviewer.PostJsonAsync($"/api/v1/findings/{raised.Id}/close", new { note = "Fine.", revision = 2 });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains($"needs a token scoped to team Team {key}", await refused.DetailAsync(), StringComparison.Ordinal);
        Assert.Equal(FindingStatus.Remediated, (await portal.Findings().GetAsync(ReleasePortal.Admin, raised.Id)).Status);
    }

    [Fact]
    public async Task Bad_input_is_a_400_naming_each_field_and_nothing_is_written()
    {
        var key = await portal.ModelAsync("Low");
        var admin = portal.ClientAs(PortalRoles.Admin);

        var response = await admin.PostJsonAsync($"/api/v1/models/{key}/findings",
            new { title = "a\u0000b", severity = "Severe", description = new string('x', 5000), remediationOwner = "nobody-known", dueDate = "2001-01-01" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadJsonAsync()).GetProperty("errors");
        Assert.Equal(["description", "dueDate", "severity", "title"], errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(0, await portal.FindingRowsAsync(key));

        var unknown = await admin.PostJsonAsync($"/api/v1/models/{key}/findings", new
        {
            title = "t", severity = "Low", description = "d", remediationOwner = "nobody-known", dueDate = DateOnly.FromDateTime(portal.Now).ToString("yyyy-MM-dd"),
        });
        Assert.Contains("Nobody in the user directory has the subject 'nobody-known'", await unknown.FieldErrorAsync("remediationOwner"), StringComparison.Ordinal);

        var filter = await admin.GetAsync("/api/v1/findings?status=Pending");
        Assert.Equal(HttpStatusCode.BadRequest, filter.StatusCode);
        Assert.Contains("Open, Remediated, Reopened or Closed", await filter.FieldErrorAsync("status"), StringComparison.Ordinal);
        Assert.Equal(0, await portal.FindingRowsAsync(key));
    }

    [Fact]
    public async Task Evidence_must_be_a_record_of_the_same_model()
    {
        var key = await portal.ModelAsync("Low");
        var other = await portal.ModelAsync("Low", "other-requester");
        var raised = await portal.RaiseAsync(key);
        var engineer = FindingArrangements.OwnerOf(key);

        var version = await Assert.ThrowsAsync<Web.Features.Shared.InputRejectedException>(() => portal.Findings().RemediateAsync(engineer, raised.Id, "Done.",
            [new EvidenceInput(EvidenceKind.Version, "9.9.9")], raised.Revision));
        Assert.Equal($"Model {key} has no version '9.9.9'.", version.Errors["evidence"][0]);
        var otherRequest = await portal.RequestAsync(other, "other-requester");
        var release = await Assert.ThrowsAsync<Web.Features.Shared.InputRejectedException>(() => portal.Findings().RemediateAsync(engineer, raised.Id, "Done.",
            [new EvidenceInput(EvidenceKind.ReleaseRequest, $"{otherRequest}")], raised.Revision));
        Assert.Equal($"Model {key} has no release request '{otherRequest}'.", release.Errors["evidence"][0]);
        Assert.Equal(FindingStatus.Open, (await portal.Findings().GetAsync(ReleasePortal.Admin, raised.Id)).Status);
    }

    [Fact]
    public async Task For_the_evidence_package_the_findings_open_during_a_range_are_plain_records()
    {
        var key = await portal.ModelAsync("Low");
        var before = portal.Clock.GetUtcNow();
        var closed = await portal.RemediatedAsync(key, FindingSeverity.Low);
        await portal.Findings().CloseAsync(FindingArrangements.Closer, closed.Id, "Fine.", closed.Revision);
        portal.Clock.Advance(TimeSpan.FromDays(2));
        var later = portal.Clock.GetUtcNow();
        var open = await portal.RaiseAsync(key, FindingSeverity.Critical);

        var all = await portal.Findings().ForModelAsync(ReleasePortal.Admin, key, null, null, CancellationToken.None);
        Assert.Equal([closed.Id, open.Id], all.Select(f => f.Id));
        var recent = await portal.Findings().ForModelAsync(ReleasePortal.Admin, key, later.AddMinutes(-1), null, CancellationToken.None);
        Assert.Equal([open.Id], recent.Select(f => f.Id));
        var early = await portal.Findings().ForModelAsync(ReleasePortal.Admin, key, before.AddMinutes(-1), later.AddMinutes(-1), CancellationToken.None);
        Assert.Equal([closed.Id], early.Select(f => f.Id));
        var json = JsonSerializer.Serialize(early);
        Assert.Contains("\"ClosingNote\":\"Fine.\"", json, StringComparison.Ordinal);
    }
}
