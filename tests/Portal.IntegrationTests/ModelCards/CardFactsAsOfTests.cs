using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Access;
using Portal.Domain.ModelCards;
using Portal.Domain.Releases;
using Portal.Domain.Versions;
using Portal.IntegrationTests.Infrastructure;
using Portal.IntegrationTests.Releases;
using Portal.IntegrationTests.Versions;
using Portal.Web.Features.ModelCards;
using static Portal.IntegrationTests.Releases.ReleasePortal;

namespace Portal.IntegrationTests.ModelCards;

/// <summary>
/// Issue 15: the facts blocks show "as of the revision's time". An old revision must not claim a stage or a release outcome
/// that came later: a reader would take today's Production version for the one the card was written about.
/// </summary>
public sealed class CardFactsAsOfTests(ReleasePortal portal) : IClassFixture<ReleasePortal>
{
    private CardFactsService Facts => portal.App.Services.GetRequiredService<CardFactsService>();

    [Fact]
    public async Task A_revisions_facts_show_the_stages_and_release_statuses_of_its_time_and_todays_show_todays()
    {
        // 1.0.0 in Production, 2.0.0 in no stage, and a pending request to move 2.0.0 to Production.
        var key = await portal.ModelAsync("Low", withReviewedCard: false, "eng-a");
        var request = await portal.RequestAsync(key, "eng-a");
        portal.Clock.Advance(TimeSpan.FromMinutes(1));
        var card = await portal.Cards().SaveAsync(Admin, key, 0, [new CardSection("factors", "Factors", "Age.")], "Before the move", null);
        portal.Clock.Advance(TimeSpan.FromMinutes(1));

        // Afterwards the request is withdrawn and an Admin moves 2.0.0 to Production, which archives 1.0.0.
        await portal.Releases.WithdrawAsync(Engineer("eng-a"), request);
        var moved = await portal.ClientAs(PortalRoles.Admin).PutJsonAsync($"/api/v1/models/{key}/versions/2.0.0/stage", VersionRequests.Stage("Production", 1));
        moved.EnsureSuccessStatusCode();

        var then = await Facts.AsOfAsync(Admin, key, card.CreatedAt);
        var now = await Facts.AsOfAsync(Admin, key, null);

        Assert.Equal(VersionStage.Production, then.Versions.Single(v => v.Label == "1.0.0").Stage);
        Assert.Equal(VersionStage.None, then.Versions.Single(v => v.Label == "2.0.0").Stage);
        Assert.Equal(ReleaseStatus.Pending, then.Releases.Single(r => r.Id == request).Status);
        Assert.Equal(VersionStage.Archived, now.Versions.Single(v => v.Label == "1.0.0").Stage);
        Assert.Equal(VersionStage.Production, now.Versions.Single(v => v.Label == "2.0.0").Stage);
        Assert.Equal(ReleaseStatus.Withdrawn, now.Releases.Single(r => r.Id == request).Status);
    }
}
