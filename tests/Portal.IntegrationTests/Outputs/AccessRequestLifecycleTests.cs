using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Access;
using Portal.Domain.Outputs;
using Portal.IntegrationTests.Infrastructure;
using Portal.Web.Features.Outputs.AccessRequests;
using Portal.Web.Features.Shared;
using static Portal.IntegrationTests.Releases.ReleasePortal;

namespace Portal.IntegrationTests.Outputs;

/// <summary>Issue 16, access requests: asked, decided by the primary owner or a Compliance reviewer, notified, granted through a grant, audited.</summary>
public sealed class AccessRequestLifecycleTests(AccessRequestPortal outputs) : IClassFixture<AccessRequestPortal>
{
    private static readonly AccessWish Wish = new("Investigate complaint 4711.", 14, false);

    [Fact]
    public async Task A_refused_engineer_asks_the_owner_grants_shorter_and_the_engineer_reads_masked_data()
    {
        var (key, output) = await outputs.OutputAsync();
        var engineer = Engineer($"eng-{key}");
        Assert.False((await outputs.Authorization.DecideAsync(engineer, output.Id, default)).Decision.Allowed);

        var request = await outputs.Requests.RequestAsync(engineer, output.Id, Wish);

        Assert.Equal(AccessRequestStatus.Pending, request.Status);
        var ownerNote = Assert.Single(await outputs.NotificationsOfAsync($"owner-{key}"), n => n.Category == "Access requests");
        Assert.Equal("/access-requests", ownerNote.Link);
        Assert.Contains("Investigate complaint 4711.", ownerNote.Body, StringComparison.Ordinal);
        var toDecide = (await outputs.Requests.ListAsync(AccessRequestPortal.Owner(key), AccessRequestStatus.Pending)).ToDecide;
        Assert.Contains(toDecide, r => r.Id == request.Id);

        var granted = await outputs.Requests.DecideAsync(AccessRequestPortal.Owner(key), request.Id, new(AccessDecisionKind.Grant, 7, false, null));

        Assert.Equal(AccessRequestStatus.Granted, granted.Status);
        Assert.Equal(outputs.Portal.Now.AddDays(7), granted.GrantedUntil);
        var (_, _, decision) = await outputs.Authorization.DecideAsync(engineer, output.Id, default);
        Assert.True(decision.Allowed, decision.Refusal);
        Assert.Equal(MaskingFunction.Hash, decision.Masks["customer"]);
        Assert.Equal("Investigate complaint 4711.", decision.Grant!.Purpose);
        var note = Assert.Single(await outputs.NotificationsOfAsync(engineer.Id));
        Assert.Equal($"/outputs/{output.Id}", note.Link);
        Assert.Contains("granted", note.Title, StringComparison.Ordinal);
        var opened = Assert.Single(await outputs.AuditAsync("AccessRequest.Opened", key));
        var decided = Assert.Single(await outputs.AuditAsync("AccessRequest.Granted", key));
        Assert.Equal(opened.EntityId, decided.EntityId);
        Assert.Equal(AccessRequestPortal.Owner(key).Id, decided.ActorId);
        Assert.Contains("\"GrantId\"", decided.After, StringComparison.Ordinal);
        Assert.Contains(engineer.Id, Assert.Single(await outputs.AuditAsync("OutputGrant.Given", key)).After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_compliance_reviewer_denies_with_a_reason_and_the_requester_is_told_why()
    {
        var (key, output) = await outputs.OutputAsync();
        var engineer = Engineer($"eng-deny-{key}");
        var request = await outputs.Requests.RequestAsync(engineer, output.Id, Wish with { Unmasked = true });

        var denied = await outputs.Requests.DecideAsync(Reviewer($"rev-{key}"), request.Id, new(AccessDecisionKind.Deny, null, false, "Use the aggregated report."));

        Assert.Equal(AccessRequestStatus.Denied, denied.Status);
        Assert.Null(denied.GrantId);
        Assert.False((await outputs.Authorization.DecideAsync(engineer, output.Id, default)).Decision.Allowed);
        var note = Assert.Single(await outputs.NotificationsOfAsync(engineer.Id));
        Assert.Equal($"/outputs/{output.Id}", note.Link);
        Assert.Contains("Use the aggregated report.", note.Body, StringComparison.Ordinal);
        Assert.Contains("Use the aggregated report.", Assert.Single(await outputs.AuditAsync("AccessRequest.Denied", key)).After, StringComparison.Ordinal);
        var mine = (await outputs.Requests.ListAsync(engineer, null)).Mine;
        Assert.Equal(AccessRequestStatus.Denied, Assert.Single(mine).Status);
    }

    [Fact]
    public async Task One_open_request_per_person_and_output_and_none_for_an_output_one_already_reads()
    {
        var (key, output) = await outputs.OutputAsync();
        var engineer = Engineer($"eng-twice-{key}");
        await outputs.Requests.RequestAsync(engineer, output.Id, Wish);

        var again = await Assert.ThrowsAsync<ConflictException>(() => outputs.Requests.RequestAsync(engineer, output.Id, Wish));
        var reader = await Assert.ThrowsAsync<ConflictException>(() => outputs.Requests.RequestAsync(AccessRequestPortal.Owner(key), output.Id, Wish));

        Assert.Contains("already have an open access request", again.Message, StringComparison.Ordinal);
        Assert.Contains("You can already read output", reader.Message, StringComparison.Ordinal);
        await using var db = await outputs.DbAsync();
        Assert.Equal(1, await db.AccessRequests.CountAsync(r => r.OutputId == output.Id));
    }

    [Fact]
    public async Task A_grant_may_be_narrower_than_asked_never_wider()
    {
        var (key, output) = await outputs.OutputAsync();
        var request = await outputs.Requests.RequestAsync(Engineer($"eng-wide-{key}"), output.Id, Wish);

        var longer = await Assert.ThrowsAsync<InputRejectedException>(() =>
            outputs.Requests.DecideAsync(AccessRequestPortal.Owner(key), request.Id, new(AccessDecisionKind.Grant, 30, false, null)));
        var unmasked = await Assert.ThrowsAsync<InputRejectedException>(() =>
            outputs.Requests.DecideAsync(AccessRequestPortal.Owner(key), request.Id, new(AccessDecisionKind.Grant, 14, true, null)));

        Assert.True(longer.Errors.ContainsKey("days"));
        Assert.True(unmasked.Errors.ContainsKey("unmasked"));
        Assert.Equal(AccessRequestStatus.Pending, Assert.Single((await outputs.Requests.ListAsync(AccessRequestPortal.Owner(key), null)).ToDecide,
            r => r.Id == request.Id).Status);
    }

    [Fact]
    public async Task Bad_input_changes_nothing_and_the_api_lists_and_refuses_tokens_asking()
    {
        var (key, output) = await outputs.OutputAsync();
        var engineer = outputs.Portal.ClientAs(PortalRoles.Engineer);

        var bad = await Assert.ThrowsAsync<InputRejectedException>(() =>
            outputs.Requests.RequestAsync(Engineer($"eng-bad-{key}"), output.Id, new("x\u0001", 0, false)));
        var tokenAsks = await engineer.PostJsonAsync($"/api/v1/outputs/{output.Id}/access-requests", new { purpose = "Pipeline.", days = 3 });
        var list = await engineer.GetAsync("/api/v1/access-requests?status=Pending");
        var badStatus = await engineer.GetAsync("/api/v1/access-requests?status=Lost");

        Assert.Equal(["days", "purpose"], bad.Errors.Keys.Order());
        Assert.Equal(HttpStatusCode.Forbidden, tokenAsks.StatusCode);
        Assert.Contains("asked and decided by people", (await tokenAsks.ReadJsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(0, (await list.ReadJsonAsync()).GetProperty("mine").GetArrayLength());
        Assert.Equal(HttpStatusCode.BadRequest, badStatus.StatusCode);
        await using var db = await outputs.DbAsync();
        Assert.False(await db.AccessRequests.AnyAsync(r => r.OutputId == output.Id));
    }
}
