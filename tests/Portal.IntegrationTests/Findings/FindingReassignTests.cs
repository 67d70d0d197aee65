using System.Net;
using Portal.Domain.Access;
using Portal.Domain.Findings;
using Portal.IntegrationTests.Documents;
using Portal.IntegrationTests.Infrastructure;
using Portal.IntegrationTests.Releases;
using Portal.Web.Features.Shared;

namespace Portal.IntegrationTests.Findings;

/// <summary>
/// Handing a finding to a new remediation owner: a ComplianceReviewer, the reviewer who raised it, or a manager of the model's
/// primary owner; audited, both people told; and what others try, each refused with nothing changed.
/// </summary>
public sealed class FindingReassignTests(ReleasePortal portal) : IClassFixture<ReleasePortal>
{
    private static Actor Manager(string id) => new(id, $"Manager {id}", new HashSet<string> { PortalRoles.Manager });

    [Fact]
    public async Task The_manager_of_the_models_team_hands_a_finding_on_and_it_is_audited_and_both_people_are_told()
    {
        // The first member named manages the model's team.
        var lead = Manager($"lead-{Guid.NewGuid():N}"[..20]);
        var key = await portal.ModelAsync("Low", lead.Id);
        var raised = await portal.RaiseAsync(key);
        var successor = await portal.PersonAsync($"successor-{key}");

        var reassigned = await portal.Findings().ReassignAsync(lead, raised.Id, successor, raised.Revision);

        Assert.Equal((successor, successor, FindingStatus.Open, 2), (reassigned.RemediationOwner, reassigned.RemediationOwnerName, reassigned.Status, reassigned.Revision));
        var audited = (await portal.FindingEventsAsync(raised.Id)).Last();
        Assert.Equal((FindingAuditActions.Reassigned, lead.Id), (audited.Action, audited.ActorId));
        Assert.Contains($"\"RemediationOwner\":\"owner-{key}\"", audited.Before, StringComparison.Ordinal);
        Assert.Contains($"\"RemediationOwner\":\"{successor}\"", audited.After, StringComparison.Ordinal);
        var told = await portal.NotificationsAsync();
        Assert.Contains((successor, $"Finding on {key} is yours to remediate: Holdout overlaps (High)", $"/findings/{raised.Id}"), told);
        Assert.Contains(($"owner-{key}", $"Finding on {key} handed on: Holdout overlaps (High)", $"/findings/{raised.Id}"), told);
        // The new owner remediates it now; the previous one no longer may.
        await Assert.ThrowsAsync<AccessDeniedException>(() => portal.Findings().RemediateAsync(FindingArrangements.OwnerOf(key), raised.Id, "Done.", [], 2));
        Assert.Equal(FindingStatus.Remediated, (await portal.Findings().RemediateAsync(ReleasePortal.Engineer(successor), raised.Id, "Done.", [], 2)).Status);
    }

    [Fact]
    public async Task The_reviewer_who_raised_it_and_another_reviewer_may_hand_it_on()
    {
        var key = await portal.ModelAsync("Low");
        var raised = await portal.RaiseAsync(key);
        var first = await portal.PersonAsync($"first-{key}");
        var second = await portal.PersonAsync($"second-{key}");

        var byRaiser = await portal.Findings().ReassignAsync(FindingArrangements.Raiser, raised.Id, first, raised.Revision);
        var byReviewer = await portal.Findings().ReassignAsync(ReleasePortal.Reviewer("other-reviewer"), raised.Id, second, byRaiser.Revision);

        Assert.Equal(second, byReviewer.RemediationOwner);
        Assert.Equal(2, (await portal.FindingEventsAsync(raised.Id)).Count(e => e.Action == FindingAuditActions.Reassigned));
    }

    [Fact]
    public async Task A_team_member_a_manager_of_another_team_and_the_remediation_owner_cannot_hand_it_on()
    {
        var key = await portal.ModelAsync("Low", $"lead-{Guid.NewGuid():N}"[..20], "member-engineer");
        var otherLead = Manager($"other-{Guid.NewGuid():N}"[..20]);
        await portal.ModelAsync("Low", otherLead.Id);
        var raised = await portal.RaiseAsync(key);
        var successor = await portal.PersonAsync($"successor-{key}");
        var ownerAsManager = new Actor($"owner-{key}", "Owner", new HashSet<string> { PortalRoles.Manager, PortalRoles.Engineer });

        var member = await Assert.ThrowsAsync<AccessDeniedException>(() =>
            portal.Findings().ReassignAsync(ReleasePortal.Engineer("member-engineer"), raised.Id, successor, raised.Revision));
        var outsider = await Assert.ThrowsAsync<AccessDeniedException>(() =>
            portal.Findings().ReassignAsync(otherLead, raised.Id, successor, raised.Revision));
        var owner = await Assert.ThrowsAsync<AccessDeniedException>(() =>
            portal.Findings().ReassignAsync(ownerAsManager, raised.Id, successor, raised.Revision));

        Assert.Contains("Reassigning a finding's remediation needs the Admin, Manager or Compliance reviewer role", member.Message, StringComparison.Ordinal);
        Assert.Contains("a manager of the primary owner", outsider.Message, StringComparison.Ordinal);
        Assert.Contains("you are its remediation owner", owner.Message, StringComparison.Ordinal);
        Assert.Contains("you are its remediation owner", await portal.LastDenialAsync($"owner-{key}"), StringComparison.Ordinal);
        Assert.Equal($"owner-{key}", (await portal.Findings().GetAsync(ReleasePortal.Admin, raised.Id)).RemediationOwner);
        Assert.Single(await portal.FindingEventsAsync(raised.Id));
    }

    [Fact]
    public async Task It_never_goes_to_the_reviewer_who_raised_it_nor_to_someone_unknown_or_deactivated()
    {
        var key = await portal.ModelAsync("Low");
        var raised = await portal.RaiseAsync(key);

        var toRaiser = await Assert.ThrowsAsync<InputRejectedException>(() =>
            portal.Findings().ReassignAsync(ReleasePortal.Reviewer("other-reviewer"), raised.Id, FindingArrangements.Raiser.Id, raised.Revision));
        var unknown = await Assert.ThrowsAsync<InputRejectedException>(() =>
            portal.Findings().ReassignAsync(ReleasePortal.Admin, raised.Id, "nobody-of-that-name", raised.Revision));
        var control = await Assert.ThrowsAsync<InputRejectedException>(() =>
            portal.Findings().ReassignAsync(ReleasePortal.Admin, raised.Id, "bad\u0007subject", raised.Revision));
        await portal.DeactivateOwnerAsync(key);
        var same = await Assert.ThrowsAsync<InputRejectedException>(() =>
            portal.Findings().ReassignAsync(ReleasePortal.Admin, raised.Id, $"owner-{key}", raised.Revision));

        Assert.Contains("separation of duties", toRaiser.Errors["remediationOwner"][0], StringComparison.Ordinal);
        Assert.Contains("Nobody in the user directory", unknown.Errors["remediationOwner"][0], StringComparison.Ordinal);
        Assert.Contains("Name the new remediation owner", control.Errors["remediationOwner"][0], StringComparison.Ordinal);
        Assert.Contains("is the remediation owner already", same.Errors["remediationOwner"][0], StringComparison.Ordinal);
        Assert.Single(await portal.FindingEventsAsync(raised.Id));
    }

    [Fact]
    public async Task A_remediated_finding_does_not_change_hands_and_a_stale_revision_is_a_conflict()
    {
        var key = await portal.ModelAsync("Low");
        var remediated = await portal.RemediatedAsync(key);
        var open = await portal.RaiseAsync(key, FindingSeverity.Low);
        var successor = await portal.PersonAsync($"successor-{key}");
        await portal.Findings().ReassignAsync(FindingArrangements.Raiser, open.Id, successor, open.Revision);

        var done = await Assert.ThrowsAsync<ConflictException>(() =>
            portal.Findings().ReassignAsync(FindingArrangements.Raiser, remediated.Id, successor, remediated.Revision));
        var third = await portal.PersonAsync($"third-{key}");
        var stale = await Assert.ThrowsAsync<ConflictException>(() =>
            portal.Findings().ReassignAsync(ReleasePortal.Reviewer("late-reviewer"), open.Id, third, open.Revision));

        Assert.Contains("only an open or reopened finding changes hands", done.Message, StringComparison.Ordinal);
        Assert.Contains("changed since you read it", stale.Message, StringComparison.Ordinal);
        Assert.Equal(successor, (await portal.Findings().GetAsync(ReleasePortal.Admin, open.Id)).RemediationOwner);
    }

    [Fact]
    public async Task Through_the_api_an_auditor_is_refused_a_token_of_another_team_is_refused_and_bad_input_is_a_400()
    {
        var key = await portal.ModelAsync("Low");
        var raised = await portal.RaiseAsync(key);
        var successor = await portal.PersonAsync($"successor-{key}");
        var path = $"/api/v1/findings/{raised.Id}/reassign";

        var auditor = await portal.ClientAs(PortalRoles.Auditor).PostJsonAsync(path, new { remediationOwner = successor, revision = 1 });
        var reviewer = await portal.ClientAs(PortalRoles.ComplianceReviewer).PostJsonAsync(path, new { remediationOwner = successor, revision = 1 });
        var huge = await portal.ClientAs(PortalRoles.Admin).PostJsonAsync(path, new { remediationOwner = new string('x', 100_000), revision = 1 });
        var admin = await portal.ClientAs(PortalRoles.Admin).PostJsonAsync(path, new { remediationOwner = successor, revision = 1 });

        Assert.Equal(HttpStatusCode.Forbidden, auditor.StatusCode);
        Assert.Contains("you have the Auditor role", await auditor.DetailAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, reviewer.StatusCode);
        Assert.Contains($"needs a token scoped to team Team {key}", await reviewer.DetailAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, huge.StatusCode);
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        Assert.Equal(2, (await portal.FindingEventsAsync(raised.Id)).Count);
    }
}
