using System.Net;
using Portal.Domain.Access;
using Portal.IntegrationTests.Infrastructure;
using Portal.IntegrationTests.Releases;
using Portal.Web.Features.ModelCards;
using static Portal.IntegrationTests.Releases.ReleasePortal;

namespace Portal.IntegrationTests.ModelCards;

/// <summary>Attacks on the card: writing someone else's model's card, reviewing one's own, a token reviewing, a token without the team.</summary>
public sealed class ModelCardAbuseCaseTests(ReleasePortal portal) : IClassFixture<ReleasePortal>
{
    [Fact]
    public async Task An_engineer_outside_the_model_team_cannot_edit_its_card_and_the_refusal_is_audited()
    {
        var key = await portal.ModelAsync("Low", withReviewedCard: false, "eng-a");

        var refused = await Assert.ThrowsAsync<AccessDeniedException>(() => portal.Cards().SaveSectionAsync(Engineer("eng-outsider"), key, "factors",
            new SaveSectionRequest(0, "Mine now.", null, "Takeover", null)));

        Assert.Contains("not an owner or a member of team", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Editing a model card", await portal.LastDenialAsync("eng-outsider"), StringComparison.Ordinal);
        Assert.Equal(0, (await portal.Cards().GetAsync(Admin, key)).LatestRevision);
    }

    [Fact]
    public async Task A_token_scoped_to_no_team_cannot_edit_a_card()
    {
        var key = await portal.ModelAsync("Low", withReviewedCard: false, "eng-a");
        var unscoped = new Actor("service:unscoped", "Unscoped", new HashSet<string> { PortalRoles.Engineer }) { TokenTeams = new HashSet<string>() };

        var refused = await Assert.ThrowsAsync<AccessDeniedException>(() => portal.Cards().SaveSectionAsync(unscoped, key, "factors",
            new SaveSectionRequest(0, "x", null, "x", null)));

        Assert.Contains("this service token is scoped to no team", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, (await portal.Cards().GetAsync(Admin, key)).LatestRevision);
    }

    [Fact]
    public async Task An_owner_who_is_a_compliance_reviewer_cannot_review_their_own_card()
    {
        var key = await portal.ModelAsync("Low", withReviewedCard: false, "eng-a");
        var revision = await portal.CompleteLowCardAsync(key);
        var owner = new Actor($"owner-{key}", "Owner", new HashSet<string> { PortalRoles.ComplianceReviewer });

        var refused = await Assert.ThrowsAsync<AccessDeniedException>(() =>
            portal.Cards().ReviewAsync(owner, portal.FreshSession, key, new ReviewRequest(revision, "Looks fine to me.")));

        Assert.Contains("separation of duties", refused.Message, StringComparison.Ordinal);
        Assert.Contains("separation of duties", await portal.LastDenialAsync(owner.Id), StringComparison.Ordinal);
        Assert.Null((await portal.Cards().GetAsync(Admin, key)).Review);
        Assert.Equal(refused.Message, await portal.Cards().ReviewProblemAsync(owner, key));
    }

    [Fact]
    public async Task The_author_of_a_revision_cannot_review_it()
    {
        var key = await portal.ModelAsync("Low", withReviewedCard: false, "eng-a");
        var admin = new Actor("rev-author", "Rev Author", new HashSet<string> { PortalRoles.ComplianceReviewer, PortalRoles.Admin });
        var saved = await portal.Cards().SaveSectionAsync(admin, key, "factors", new SaveSectionRequest(0, "Age.", null, "Factors", null));

        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            portal.Cards().ReviewAsync(admin, portal.FreshSession, key, new ReviewRequest(saved.Revision, null)));
        Assert.Null((await portal.Cards().GetAsync(Admin, key)).Review);
    }

    [Fact]
    public async Task A_service_token_cannot_review_a_card_even_with_the_reviewer_role()
    {
        var key = await portal.ModelAsync("Low", withReviewedCard: false, "eng-a");
        var revision = await portal.CompleteLowCardAsync(key);

        var refused = await portal.ClientAs(PortalRoles.ComplianceReviewer).PostJsonAsync($"/api/v1/models/{key}/card/reviews", new { revision, note = "Token." });

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("Card reviews are made by people", (await refused.ReadJsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Null((await portal.Cards().GetAsync(Admin, key)).Review);
    }

    [Fact]
    public async Task An_engineer_cannot_review_and_an_auditor_cannot_edit()
    {
        var key = await portal.ModelAsync("Low", withReviewedCard: false, "eng-a");
        var revision = await portal.CompleteLowCardAsync(key);

        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            portal.Cards().ReviewAsync(Engineer("eng-a"), portal.FreshSession, key, new ReviewRequest(revision, null)));
        Assert.Equal(HttpStatusCode.Forbidden, (await portal.ClientAs(PortalRoles.Auditor).PutSectionAsync(key, "factors", revision, "x")).StatusCode);
        Assert.Equal(revision, (await portal.Cards().GetAsync(Admin, key)).LatestRevision);
    }

    [Fact]
    public async Task Script_saved_in_a_section_comes_back_as_text_never_as_markup()
    {
        var key = await portal.ModelAsync("Low", withReviewedCard: false, "eng-a");

        await portal.ClientAs(PortalRoles.Engineer).PutSectionAsync(key, "factors", 0, "<script>alert(1)</script> [x](javascript:alert(1))", "XSS");

        var html = (await portal.ClientAs(PortalRoles.Auditor).CardAsync(key)).GetProperty("sections").EnumerateArray()
            .Single(s => s.GetProperty("key").GetString() == "factors").GetProperty("html").GetString()!;
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
    }
}
