using System.Text.Json;
using Portal.Domain.Audits;
using Portal.IntegrationTests.Infrastructure;
using Portal.IntegrationTests.Versions;
using Portal.Domain.Access;
using Portal.Web.Features.Audits;
using Portal.Web.Features.Shared.Evidence;

namespace Portal.IntegrationTests.Audits;

public sealed class AuditRequestLifecycleTests(AuditPortal arrange) : IClassFixture<AuditPortal>
{
    [Fact]
    public async Task An_auditor_asks_the_owner_answers_with_evidence_and_the_accepted_request_closes()
    {
        var key = await arrange.ModelAsync();
        var request = await arrange.OpenAsync(key);
        var item = Assert.Single(request.Items);
        Assert.Equal(($"owner-{key}", AuditItemStatus.Open), (item.AssigneeSubject, item.Status));
        Assert.Contains(await arrange.NotificationTitlesAsync($"owner-{key}"), t => t.Contains("Q3 model risk review"));

        var answered = await arrange.AnswerAsync(request, key, new EvidenceRequest("model-version", "1.0.0"));
        Assert.Equal(AuditItemStatus.Answered, answered.Status);
        var link = Assert.Single(Assert.Single(answered.Answers).Evidence);
        Assert.Equal(("model-version", "1.0.0", true), (link.Snapshot.Kind, link.Snapshot.Reference, link.Intact));
        Assert.Equal(EvidenceSnapshot.HashOf(link.Snapshot.ContentJson), link.Snapshot.Sha256);
        Assert.Contains(await arrange.NotificationTitlesAsync("auditor-ann"), t => t.Contains("answered question 1"));

        var accepted = await arrange.Audits.AcceptAsync(AuditPortal.Auditor(), request.Id, 1, new DecisionInput("Clear.", answered.Revision));
        Assert.Equal(AuditItemStatus.Accepted, accepted.Status);
        var detail = await arrange.Audits.GetAsync(AuditPortal.Auditor(), request.Id);
        Assert.Equal(AuditRequestStatus.Closed, detail.Request.Status);
        Assert.Equal(1, await arrange.CountAuditAsync("AuditRequest.Closed", key));
        Assert.Equal(1, await arrange.CountAuditAsync("AuditItem.Answered", key));
        Assert.Equal(1, await arrange.CountAuditAsync("Evidence.Linked", key));
    }

    [Fact]
    public async Task A_link_keeps_showing_the_record_as_it_was_when_linked_after_the_record_changes()
    {
        var key = await arrange.ModelAsync();
        var request = await arrange.OpenAsync(key);
        await arrange.AnswerAsync(request, key, new EvidenceRequest("model-version", "2.0.0"));

        var version = await arrange.Portal.VersionAsync(key, "2.0.0");
        var admin = arrange.Portal.ClientAs(PortalRoles.Admin);
        var moved = await admin.PutJsonAsync($"/api/v1/models/{key}/versions/2.0.0/stage", VersionRequests.Stage("Staging", version.GetProperty("revision").GetInt32()));
        Assert.True(moved.IsSuccessStatusCode, await moved.Content.ReadAsStringAsync());

        var detail = await arrange.Audits.GetAsync(AuditPortal.Auditor(), request.Id);
        var link = detail.Request.Items[0].Answers[0].Evidence[0];
        Assert.Equal("None", JsonDocument.Parse(link.Snapshot.ContentJson).RootElement.GetProperty("stage").GetString());
        Assert.Equal("Staging", (await arrange.Portal.VersionAsync(key, "2.0.0")).GetProperty("stage").GetString());
        Assert.True(link.Intact);
    }

    [Fact]
    public async Task A_returned_answer_is_answered_again_and_both_answers_are_kept()
    {
        var key = await arrange.ModelAsync();
        var request = await arrange.OpenAsync(key);
        var answered = await arrange.AnswerAsync(request, key);
        var returned = await arrange.Audits.ReturnAsync(AuditPortal.Auditor(), request.Id, 1, new DecisionInput("Link the fairness evaluation too.", answered.Revision));
        Assert.Equal((AuditItemStatus.Returned, "Link the fairness evaluation too."), (returned.Status, returned.ReturnComment));
        Assert.Contains(await arrange.NotificationTitlesAsync($"owner-{key}"), t => t.Contains("returned your answer"));

        var again = await arrange.Audits.AnswerAsync(AuditPortal.Owner(key), request.Id, 1, new AnswerInput("Here it is.", [], returned.Revision));
        Assert.Equal([AnswerDecision.Returned, AnswerDecision.Pending], again.Answers.Select(a => a.Decision));
        Assert.Equal(AuditItemStatus.Answered, again.Status);
    }

    [Fact]
    public async Task The_team_manager_reassigns_an_item_and_the_new_assignee_answers_it()
    {
        var key = await arrange.ModelAsync();
        var (manager, engineer) = await arrange.TeamPeopleAsync(key);
        var request = await arrange.OpenAsync(key);
        var reassigned = await arrange.Audits.ReassignAsync(AuditPortal.Manager(manager), request.Id, 1, new ReassignInput(engineer, null));
        Assert.Equal(engineer, reassigned.AssigneeSubject);
        Assert.Contains(await arrange.NotificationTitlesAsync(engineer), t => t.Contains("now assigned to"));

        await Assert.ThrowsAsync<AccessDeniedException>(() => arrange.AnswerAsync(request, key));
        var answered = await arrange.Audits.AnswerAsync(Portal.IntegrationTests.Releases.ReleasePortal.Engineer(engineer), request.Id, 1,
            new AnswerInput("Answered by the new assignee.", [], null));
        Assert.Equal(AuditItemStatus.Answered, answered.Status);
    }

    [Fact]
    public async Task Several_questions_about_several_models_make_one_item_each_for_each_models_primary_owner()
    {
        var first = await arrange.ModelAsync();
        var second = await arrange.ModelAsync();
        var request = await arrange.Audits.OpenAsync(AuditPortal.Auditor(), new OpenAuditRequestInput("Lineage", [first, second],
            ["Which data trained it?", "Who approved it?"], arrange.Portal.Now.AddDays(7), null));
        Assert.Equal([$"owner-{first}", $"owner-{second}", $"owner-{first}", $"owner-{second}"], request.Items.Select(i => i.AssigneeSubject));
        Assert.Equal(AuditPriority.Normal, request.Priority);
    }

    [Fact]
    public async Task The_evidence_package_reads_the_models_requests_with_their_frozen_snapshots()
    {
        var key = await arrange.ModelAsync();
        var request = await arrange.OpenAsync(key);
        await Assert.ThrowsAsync<Portal.Web.Features.Shared.InputRejectedException>(() => arrange.AnswerAsync(request, key, new EvidenceRequest("release-request", "abc")));
        await arrange.AnswerAsync(request, key, new EvidenceRequest("model-version", "1.0.0"));
        var records = await arrange.Audits.ForModelAsync(AuditPortal.Auditor(), key, null, null, CancellationToken.None);
        var answer = Assert.Single(Assert.Single(Assert.Single(records.Requests).Items).Answers);
        Assert.Equal("model-version", Assert.Single(answer.Evidence).Snapshot.Kind);
        var before = await arrange.Audits.ForModelAsync(AuditPortal.Auditor(), key, null, request.RequestedAt.AddDays(-1), CancellationToken.None);
        Assert.Empty(before.Requests);
        Assert.NotNull(JsonSerializer.Serialize(records));
    }

    [Fact]
    public async Task An_overdue_unanswered_item_raises_the_overdue_audit_item_flag()
    {
        var key = await arrange.ModelAsync();
        await arrange.Audits.OpenAsync(AuditPortal.Auditor(), new OpenAuditRequestInput("Urgent check", [key], ["Is it fair?"], arrange.Portal.Now.AddHours(1), "Urgent"));
        arrange.Portal.Clock.Advance(TimeSpan.FromHours(2));
        var admin = arrange.Portal.ClientAs(PortalRoles.Admin);
        Assert.True((await admin.PostAsync("/api/v1/flags/scan", null)).IsSuccessStatusCode);
        var flags = await (await admin.GetAsync($"/api/v1/flags?rule=overdue-audit-item&model={key}")).ReadJsonAsync();
        var flag = Assert.Single(flags.GetProperty("items").EnumerateArray());
        Assert.Contains("Urgent check", flag.GetProperty("detail").GetString());
    }
}
