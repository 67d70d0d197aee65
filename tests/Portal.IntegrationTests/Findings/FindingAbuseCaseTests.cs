using System.Net;
using Portal.Domain.Access;
using Portal.Domain.Findings;
using Portal.IntegrationTests.Documents;
using Portal.IntegrationTests.Infrastructure;
using Portal.IntegrationTests.Releases;
using Portal.Web.Features.Shared;

namespace Portal.IntegrationTests.Findings;

/// <summary>
/// Issue 17, findings: what people try against separation of duties and scope, each refused in the service, audited as
/// Access.Denied, and leaving the finding as it was.
/// </summary>
public sealed class FindingAbuseCaseTests(ReleasePortal portal) : IClassFixture<ReleasePortal>
{
    [Fact]
    public async Task An_engineer_cannot_raise_a_finding_even_on_their_own_model()
    {
        var key = await portal.ModelAsync("Low", "abuse-engineer");

        var refused = await Assert.ThrowsAsync<AccessDeniedException>(() =>
            portal.Findings().RaiseAsync(ReleasePortal.Engineer("abuse-engineer"), key, FindingArrangements.Details(portal, key)));

        Assert.Contains("Raising a finding needs the Admin or Compliance reviewer role", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, await portal.FindingRowsAsync(key));
        Assert.Contains("Raising a finding needs", await portal.LastDenialAsync("abuse-engineer"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_remediation_owner_cannot_close_their_own_finding_even_holding_the_reviewer_role()
    {
        var key = await portal.ModelAsync("Low");
        var remediated = await portal.RemediatedAsync(key);
        var ownerAsReviewer = new Actor($"owner-{key}", "Owner", new HashSet<string> { PortalRoles.ComplianceReviewer, PortalRoles.Engineer });

        var refused = await Assert.ThrowsAsync<AccessDeniedException>(() =>
            portal.Findings().CloseAsync(ownerAsReviewer, remediated.Id, "Looks fine to me.", remediated.Revision));

        Assert.Contains("you are its remediation owner", refused.Message, StringComparison.Ordinal);
        Assert.Equal(FindingStatus.Remediated, (await portal.Findings().GetAsync(ReleasePortal.Admin, remediated.Id)).Status);
        Assert.Contains("separation of duties", await portal.LastDenialAsync($"owner-{key}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reviewer_who_owns_the_model_cannot_close_its_finding()
    {
        var key = await portal.ModelAsync("Low");
        await portal.AssignOwnerAsync(key, await portal.PersonAsync("reviewer-owner"), "Backup");
        var remediated = await portal.RemediatedAsync(key);

        var refused = await Assert.ThrowsAsync<AccessDeniedException>(() =>
            portal.Findings().CloseAsync(ReleasePortal.Reviewer("reviewer-owner"), remediated.Id, "Fine.", remediated.Revision));

        Assert.Contains($"you own model {key}", refused.Message, StringComparison.Ordinal);
        Assert.Equal(FindingStatus.Remediated, (await portal.Findings().GetAsync(ReleasePortal.Admin, remediated.Id)).Status);
    }

    [Fact]
    public async Task Someone_other_than_the_remediation_owner_cannot_remediate_not_even_a_team_manager_or_an_admin()
    {
        var key = await portal.ModelAsync("Low", "team-lead");
        var raised = await portal.RaiseAsync(key);

        foreach (var outsider in new[] { ReleasePortal.Engineer("outsider"), new Actor("team-lead", "Lead", new HashSet<string> { PortalRoles.Manager }), ReleasePortal.Admin })
        {
            var refused = await Assert.ThrowsAsync<AccessDeniedException>(() =>
                portal.Findings().RemediateAsync(outsider, raised.Id, "I fixed it.", [], raised.Revision));
            Assert.Contains($"Only owner-{key}, the remediation owner", refused.Message, StringComparison.Ordinal);
        }
        Assert.Equal(FindingStatus.Open, (await portal.Findings().GetAsync(ReleasePortal.Admin, raised.Id)).Status);
        Assert.Single(await portal.FindingEventsAsync(raised.Id));
    }

    [Fact]
    public async Task An_auditor_reads_findings_but_changes_none()
    {
        var key = await portal.ModelAsync("Low");
        var remediated = await portal.RemediatedAsync(key);
        var auditor = portal.ClientAs(PortalRoles.Auditor);

        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync($"/api/v1/findings/{remediated.Id}")).StatusCode);
        var attempts = new[]
        {
            await auditor.PostJsonAsync($"/api/v1/models/{key}/findings", new { title = "t" }),
            await auditor.PostJsonAsync($"/api/v1/findings/{remediated.Id}/remediate", new { note = "n" }),
            await auditor.PostJsonAsync($"/api/v1/findings/{remediated.Id}/close", new { note = "n" }),
            await auditor.PostJsonAsync($"/api/v1/findings/{remediated.Id}/reopen", new { reason = "r" }),
        };

        Assert.All(attempts, r => Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode));
        Assert.Contains("you have the Auditor role", await attempts[2].DetailAsync(), StringComparison.Ordinal);
        Assert.Equal(2, (await portal.FindingEventsAsync(remediated.Id)).Count);
    }

    [Fact]
    public async Task An_unscoped_reviewer_token_can_neither_raise_nor_close()
    {
        var key = await portal.ModelAsync("Low");
        var remediated = await portal.RemediatedAsync(key);
        var unscoped = new Actor("service:unscoped-reviewer", "unscoped", new HashSet<string> { PortalRoles.ComplianceReviewer }) { TokenTeams = new HashSet<string>() };

        var raise = await Assert.ThrowsAsync<AccessDeniedException>(() => portal.Findings().RaiseAsync(unscoped, key, FindingArrangements.Details(portal, key)));
        var close = await Assert.ThrowsAsync<AccessDeniedException>(() => portal.Findings().CloseAsync(unscoped, remediated.Id, "Fine.", remediated.Revision));

        Assert.Contains("this service token is scoped to no team", raise.Message, StringComparison.Ordinal);
        Assert.Contains("this service token is scoped to no team", close.Message, StringComparison.Ordinal);
        Assert.Equal(1, await portal.FindingRowsAsync(key));
    }

    [Fact]
    public async Task A_reviewer_token_of_another_team_cannot_raise_through_the_api()
    {
        var key = await portal.ModelAsync("Low");

        var response = await portal.ClientAs(PortalRoles.ComplianceReviewer).PostJsonAsync($"/api/v1/models/{key}/findings", new
        {
            title = "t", severity = "High", description = "d", remediationOwner = $"owner-{key}", dueDate = DateOnly.FromDateTime(portal.Now).ToString("yyyy-MM-dd"),
        });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains($"needs a token scoped to team Team {key}", await response.DetailAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await portal.FindingRowsAsync(key));
    }

    [Fact]
    public async Task A_reviewer_cannot_make_themselves_the_remediation_owner()
    {
        var key = await portal.ModelAsync("Low");
        await portal.PersonAsync("self-assigner");

        var refused = await Assert.ThrowsAsync<AccessDeniedException>(() => portal.Findings().RaiseAsync(ReleasePortal.Reviewer("self-assigner"), key,
            FindingArrangements.Details(portal, key) with { RemediationOwner = "self-assigner" }));

        Assert.Contains("cannot be the remediation owner of a finding you raise", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, await portal.FindingRowsAsync(key));
    }

    [Fact]
    public async Task A_deactivated_person_cannot_be_made_remediation_owner()
    {
        var key = await portal.ModelAsync("Low");
        await portal.DeactivateOwnerAsync(key);

        var refused = await Assert.ThrowsAsync<InputRejectedException>(() => portal.RaiseAsync(key));

        Assert.Contains("is deactivated", refused.Errors["remediationOwner"][0], StringComparison.Ordinal);
        Assert.Equal(0, await portal.FindingRowsAsync(key));
    }

    [Fact]
    public async Task A_stale_revision_is_a_conflict_and_never_a_lost_update()
    {
        var key = await portal.ModelAsync("Low");
        var remediated = await portal.RemediatedAsync(key);
        await portal.Findings().ReopenAsync(FindingArrangements.Closer, remediated.Id, "Not enough.", remediated.Revision);

        var stale = await Assert.ThrowsAsync<ConflictException>(() =>
            portal.Findings().CloseAsync(ReleasePortal.Reviewer("second-reviewer"), remediated.Id, "Fine.", remediated.Revision));

        Assert.Contains("changed since you read it: it is reopened now (revision 3)", stale.Message, StringComparison.Ordinal);
        Assert.Equal(FindingStatus.Reopened, (await portal.Findings().GetAsync(ReleasePortal.Admin, remediated.Id)).Status);
    }

    [Fact]
    public async Task An_open_finding_cannot_be_closed_without_remediation()
    {
        var key = await portal.ModelAsync("Low");
        var raised = await portal.RaiseAsync(key);

        var response = await Assert.ThrowsAsync<ConflictException>(() => portal.Findings().CloseAsync(FindingArrangements.Closer, raised.Id, "Fine.", null));

        Assert.Contains("only a remediated finding is closed", response.Message, StringComparison.Ordinal);
    }
}
