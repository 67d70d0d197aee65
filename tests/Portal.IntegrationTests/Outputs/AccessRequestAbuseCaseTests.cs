using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Access;
using Portal.Domain.Outputs;
using Portal.IntegrationTests.Infrastructure;
using Portal.Web.Features.Outputs.AccessRequests;
using Portal.Web.Features.Shared;
using static Portal.IntegrationTests.Releases.ReleasePortal;

namespace Portal.IntegrationTests.Outputs;

/// <summary>Issue 16, access requests: each attack on the decision performed, its refusal asserted, nothing granted.</summary>
public sealed class AccessRequestAbuseCaseTests(AccessRequestPortal outputs) : IClassFixture<AccessRequestPortal>
{
    private static readonly AccessWish Wish = new("Check a customer's complaint.", 10, false);

    [Fact]
    public async Task Nobody_grants_their_own_request_not_even_the_primary_owner_or_a_compliance_reviewer()
    {
        var (key, output) = await outputs.OutputAsync();
        var owner = AccessRequestPortal.Owner(key);
        var reviewer = Reviewer($"rev-self-{key}");
        var ownersRequest = await outputs.Requests.RequestAsync(owner, output.Id, Wish with { Unmasked = true });
        var reviewersRequest = await outputs.Requests.RequestAsync(reviewer, output.Id, Wish with { Unmasked = true });

        var ownerRefused = await Assert.ThrowsAsync<AccessDeniedException>(() =>
            outputs.Requests.DecideAsync(owner, ownersRequest.Id, new(AccessDecisionKind.Grant, 10, true, null)));
        var reviewerRefused = await Assert.ThrowsAsync<AccessDeniedException>(() =>
            outputs.Requests.DecideAsync(reviewer, reviewersRequest.Id, new(AccessDecisionKind.Grant, 10, true, null)));

        Assert.Contains("Nobody decides their own access request", ownerRefused.Message, StringComparison.Ordinal);
        Assert.Contains("Nobody decides their own access request", reviewerRefused.Message, StringComparison.Ordinal);
        Assert.Contains("Nobody decides their own", await outputs.Portal.LastDenialAsync(reviewer.Id), StringComparison.Ordinal);
        await AssertNoGrantAsync(output.Id);
    }

    [Fact]
    public async Task An_engineer_of_the_model_team_who_is_not_its_primary_owner_cannot_grant()
    {
        var teamEngineer = $"team-eng-{Guid.NewGuid():N}"[..20];
        var (key, output) = await outputs.OutputAsync(teamMembers: [teamEngineer]);
        var request = await outputs.Requests.RequestAsync(Engineer($"asker-{key}"), output.Id, Wish);

        var refused = await Assert.ThrowsAsync<AccessDeniedException>(() =>
            outputs.Requests.DecideAsync(Engineer(teamEngineer), request.Id, new(AccessDecisionKind.Grant, 10, false, null)));

        Assert.Contains($"Only the primary owner of {key} or a Compliance reviewer", refused.Message, StringComparison.Ordinal);
        Assert.Empty((await outputs.Requests.ListAsync(Engineer(teamEngineer), null)).ToDecide);
        await AssertNoGrantAsync(output.Id);
    }

    [Fact]
    public async Task The_primary_owner_of_another_model_cannot_grant_for_this_one()
    {
        var (_, output) = await outputs.OutputAsync();
        var (otherKey, _) = await outputs.OutputAsync();
        var request = await outputs.Requests.RequestAsync(Engineer("asker-other-team"), output.Id, Wish);

        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            outputs.Requests.DecideAsync(AccessRequestPortal.Owner(otherKey), request.Id, new(AccessDecisionKind.Grant, 10, false, null)));

        Assert.DoesNotContain((await outputs.Requests.ListAsync(AccessRequestPortal.Owner(otherKey), null)).ToDecide, r => r.Id == request.Id);
        await AssertNoGrantAsync(output.Id);
    }

    [Fact]
    public async Task A_request_is_decided_once()
    {
        var (key, output) = await outputs.OutputAsync();
        var request = await outputs.Requests.RequestAsync(Engineer($"asker-twice-{key}"), output.Id, Wish);
        await outputs.Requests.DecideAsync(AccessRequestPortal.Owner(key), request.Id, new(AccessDecisionKind.Grant, 5, false, null));

        var again = await Assert.ThrowsAsync<ConflictException>(() =>
            outputs.Requests.DecideAsync(Reviewer($"rev-twice-{key}"), request.Id, new(AccessDecisionKind.Grant, 10, false, null)));
        await Assert.ThrowsAsync<ConflictException>(() =>
            outputs.Requests.DecideAsync(Reviewer($"rev-twice-{key}"), request.Id, new(AccessDecisionKind.Deny, null, false, "Changed my mind.")));

        Assert.Contains("already granted", again.Message, StringComparison.Ordinal);
        await using var db = await outputs.DbAsync();
        var grant = Assert.Single(await db.OutputGrants.Where(g => g.OutputId == output.Id).ToListAsync());
        Assert.Equal(outputs.Portal.Now.AddDays(5), grant.ExpiresAt);
    }

    [Fact]
    public async Task A_denial_without_a_reason_changes_nothing()
    {
        var (key, output) = await outputs.OutputAsync();
        var request = await outputs.Requests.RequestAsync(Engineer($"asker-noreason-{key}"), output.Id, Wish);

        var refused = await Assert.ThrowsAsync<InputRejectedException>(() =>
            outputs.Requests.DecideAsync(AccessRequestPortal.Owner(key), request.Id, new(AccessDecisionKind.Deny, null, false, "  ")));

        Assert.True(refused.Errors.ContainsKey("reason"));
        Assert.Equal(AccessRequestStatus.Pending, (await outputs.Requests.ListAsync(AccessRequestPortal.Owner(key), null)).ToDecide.Single(r => r.Id == request.Id).Status);
        Assert.Empty(await outputs.NotificationsOfAsync($"asker-noreason-{key}"));
    }

    [Fact]
    public async Task A_compliance_reviewer_token_cannot_decide_through_the_api()
    {
        var (key, output) = await outputs.OutputAsync();
        var request = await outputs.Requests.RequestAsync(Engineer($"asker-token-{key}"), output.Id, Wish);

        var response = await outputs.Portal.ClientAs(PortalRoles.ComplianceReviewer).PostJsonAsync($"/api/v1/access-requests/{request.Id}/decision",
            new { decision = "Grant", days = 5 });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await AssertNoGrantAsync(output.Id);
    }

    private async Task AssertNoGrantAsync(int outputId)
    {
        await using var db = await outputs.DbAsync();
        Assert.False(await db.OutputGrants.AnyAsync(g => g.OutputId == outputId));
    }
}
