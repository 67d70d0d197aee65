using System.Net;
using Portal.Domain.Access;
using Portal.Domain.Audits;
using Portal.IntegrationTests.Infrastructure;
using Portal.IntegrationTests.Releases;
using Portal.Web.Features.Audits;
using Portal.Web.Features.Shared;
using Portal.Web.Features.Shared.Evidence;

namespace Portal.IntegrationTests.Audits;

/// <summary>Each rule of the audit request lifecycle attacked, and the refusal (audited, nothing changed) asserted.</summary>
public sealed class AuditRequestAbuseCaseTests(AuditPortal arrange) : IClassFixture<AuditPortal>
{
    [Fact]
    public async Task Another_engineer_of_the_team_cannot_answer_an_item_assigned_to_the_owner()
    {
        var key = await arrange.ModelAsync();
        var (_, engineer) = await arrange.TeamPeopleAsync(key);
        var request = await arrange.OpenAsync(key);
        var denied = await Assert.ThrowsAsync<AccessDeniedException>(() =>
            arrange.Audits.AnswerAsync(ReleasePortal.Engineer(engineer), request.Id, 1, new AnswerInput("I answer instead.", [], null)));
        Assert.Contains($"assigned to", denied.Message);
        await AssertUnchangedAsync(request, AuditItemStatus.Open);
        Assert.Contains("only they answer", await arrange.Portal.LastDenialAsync(engineer));
    }

    [Fact]
    public async Task The_assignee_cannot_accept_their_own_answer()
    {
        var key = await arrange.ModelAsync();
        var request = await arrange.OpenAsync(key);
        await arrange.AnswerAsync(request, key);
        await Assert.ThrowsAsync<AccessDeniedException>(() => arrange.Audits.AcceptAsync(AuditPortal.Owner(key), request.Id, 1, new DecisionInput(null, null)));
        await AssertUnchangedAsync(request, AuditItemStatus.Answered);
    }

    [Fact]
    public async Task Another_auditor_cannot_accept_or_return_an_answer_to_a_request_they_did_not_open()
    {
        var key = await arrange.ModelAsync();
        var request = await arrange.OpenAsync(key);
        await arrange.AnswerAsync(request, key);
        var other = AuditPortal.Auditor("auditor-bob");
        var denied = await Assert.ThrowsAsync<AccessDeniedException>(() => arrange.Audits.AcceptAsync(other, request.Id, 1, new DecisionInput(null, null)));
        Assert.Contains("who opened this request", denied.Message);
        await Assert.ThrowsAsync<AccessDeniedException>(() => arrange.Audits.ReturnAsync(other, request.Id, 1, new DecisionInput("No.", null)));
        await AssertUnchangedAsync(request, AuditItemStatus.Answered);
    }

    [Fact]
    public async Task An_auditor_never_answers_not_even_their_own_request()
    {
        var key = await arrange.ModelAsync();
        var request = await arrange.OpenAsync(key);
        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            arrange.Audits.AnswerAsync(AuditPortal.Auditor(), request.Id, 1, new AnswerInput("Answering myself.", [], null)));
        await AssertUnchangedAsync(request, AuditItemStatus.Open);
    }

    [Fact]
    public async Task A_manager_of_another_team_cannot_reassign_an_item()
    {
        var key = await arrange.ModelAsync();
        var other = await arrange.ModelAsync();
        var (otherManager, _) = await arrange.TeamPeopleAsync(other);
        var (_, engineer) = await arrange.TeamPeopleAsync(key);
        var request = await arrange.OpenAsync(key);
        var denied = await Assert.ThrowsAsync<AccessDeniedException>(() =>
            arrange.Audits.ReassignAsync(AuditPortal.Manager(otherManager), request.Id, 1, new ReassignInput(engineer, null)));
        Assert.Contains("needs a manager of team", denied.Message);
        Assert.Equal($"owner-{key}", (await arrange.Audits.GetAsync(AuditPortal.Auditor(), request.Id)).Request.Items[0].AssigneeSubject);
    }

    [Fact]
    public async Task An_item_cannot_be_reassigned_to_the_requester_or_to_someone_outside_the_models_people()
    {
        var key = await arrange.ModelAsync();
        var (manager, _) = await arrange.TeamPeopleAsync(key);
        await arrange.Portal.PersonAsync("auditor-ann");
        await arrange.Portal.PersonAsync("stranger");
        var request = await arrange.OpenAsync(key);
        var toRequester = await Assert.ThrowsAsync<InputRejectedException>(() =>
            arrange.Audits.ReassignAsync(AuditPortal.Manager(manager), request.Id, 1, new ReassignInput("auditor-ann", null)));
        Assert.Contains("opened the request", toRequester.Message);
        await Assert.ThrowsAsync<InputRejectedException>(() =>
            arrange.Audits.ReassignAsync(AuditPortal.Manager(manager), request.Id, 1, new ReassignInput("stranger", null)));
    }

    [Fact]
    public async Task An_engineer_cannot_open_a_request_and_an_auditor_cannot_ask_about_a_model_nobody_owns_or_one_they_own()
    {
        var key = await arrange.ModelAsync();
        var response = await arrange.Portal.ClientAs(PortalRoles.Engineer).PostJsonAsync("/api/v1/audit-requests",
            new { title = "Mine", models = new[] { key }, questions = new[] { "Why?" }, dueAt = arrange.Portal.Now.AddDays(3) });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var ownerAsReviewer = ReleasePortal.Reviewer($"owner-{key}");
        var own = await Assert.ThrowsAsync<InputRejectedException>(() => arrange.OpenAsync(key, ownerAsReviewer));
        Assert.Contains("primary owner", own.Message);
    }

    [Fact]
    public async Task An_unscoped_service_token_neither_reads_nor_answers_a_request()
    {
        var key = await arrange.ModelAsync();
        var request = await arrange.OpenAsync(key);
        var client = arrange.Portal.App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", PortalFactory.UnscopedEngineerToken);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/v1/audit-requests/{request.Id}")).StatusCode);
        var list = await (await client.GetAsync($"/api/v1/audit-requests?model={key}")).ReadJsonAsync();
        Assert.Equal(0, list.GetProperty("totalCount").GetInt32());
        var answer = await client.PostJsonAsync($"/api/v1/audit-requests/{request.Id}/items/1/answer", new { text = "From a pipeline." });
        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        await AssertUnchangedAsync(request, AuditItemStatus.Open);
    }

    [Fact]
    public async Task Evidence_the_assignee_may_not_read_is_refused_and_nothing_is_answered()
    {
        var key = await arrange.ModelAsync();
        var request = await arrange.OpenAsync(key);
        // Engineers do not read the audit trail, so they cannot freeze a slice of it either.
        await Assert.ThrowsAsync<AccessDeniedException>(() => arrange.AnswerAsync(request, key, new EvidenceRequest("audit-trail", "2026-01-01..")));
        var unknown = await Assert.ThrowsAsync<InputRejectedException>(() => arrange.AnswerAsync(request, key, new EvidenceRequest("screenshot", "x")));
        Assert.True(unknown.Errors.ContainsKey("evidence[0]"));
        var missing = await Assert.ThrowsAsync<InputRejectedException>(() => arrange.AnswerAsync(request, key, new EvidenceRequest("model-version", "9.9.9")));
        Assert.True(missing.Errors.ContainsKey("evidence[0]"));
        await AssertUnchangedAsync(request, AuditItemStatus.Open);
    }

    [Fact]
    public async Task A_stale_revision_is_a_conflict_and_a_closed_request_takes_no_more_answers()
    {
        var key = await arrange.ModelAsync();
        var request = await arrange.OpenAsync(key);
        await Assert.ThrowsAsync<ConflictException>(() =>
            arrange.Audits.AnswerAsync(AuditPortal.Owner(key), request.Id, 1, new AnswerInput("Late.", [], request.Items[0].Revision + 5)));
        var answered = await arrange.AnswerAsync(request, key);
        await Assert.ThrowsAsync<ConflictException>(() => arrange.AnswerAsync(request, key));
        await arrange.Audits.AcceptAsync(AuditPortal.Auditor(), request.Id, 1, new DecisionInput(null, answered.Revision));
        await Assert.ThrowsAsync<ConflictException>(() => arrange.Audits.ReturnAsync(AuditPortal.Auditor(), request.Id, 1, new DecisionInput("Reopen.", null)));
    }

    [Fact]
    public async Task Bad_input_is_a_400_naming_the_field_and_creates_nothing()
    {
        var key = await arrange.ModelAsync();
        var client = arrange.Portal.ClientAs(PortalRoles.Auditor);
        var due = arrange.Portal.Now.AddDays(3);
        foreach (var body in new object[]
        {
            new { title = "Bad\u0000title", models = new[] { key }, questions = new[] { "Why?" }, dueAt = due },
            new { title = "Huge", models = new[] { key }, questions = new[] { new string('q', 100_000) }, dueAt = due },
            new { title = "Past", models = new[] { key }, questions = new[] { "Why?" }, dueAt = due.AddDays(-10) },
            new { title = "No model", models = new[] { "no-such-model" }, questions = new[] { "Why?" }, dueAt = due },
            new { title = "Priority", models = new[] { key }, questions = new[] { "Why?" }, dueAt = due, priority = "Whenever" },
        })
        {
            var response = await client.PostJsonAsync("/api/v1/audit-requests", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
        Assert.Equal(0, (await (await client.GetAsync($"/api/v1/audit-requests?model={key}")).ReadJsonAsync()).GetProperty("totalCount").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/audit-requests?status=Pending")).StatusCode);
    }

    private async Task AssertUnchangedAsync(AuditRequestRecord request, AuditItemStatus status)
    {
        var item = (await arrange.Audits.GetAsync(AuditPortal.Auditor(), request.Id)).Request.Items[0];
        Assert.Equal(status, item.Status);
    }
}
