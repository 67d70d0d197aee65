using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Access;
using Portal.Domain.Inventory;
using Portal.IntegrationTests.Infrastructure;
using Portal.IntegrationTests.Releases;
using Portal.Web.Features.Inventory;
using Portal.Web.Features.ModelCards;
using static Portal.IntegrationTests.Releases.ReleasePortal;

namespace Portal.IntegrationTests.ModelCards;

/// <summary>Issue 15: the inventory search finds a model by the text of its card's latest revision, and filters by "card incomplete / not reviewed".</summary>
public sealed class InventoryCardSearchTests(ReleasePortal portal) : IClassFixture<ReleasePortal>
{
    private HttpClient Engineer => portal.ClientAs(PortalRoles.Engineer);

    private ModelService Models => portal.App.Services.GetRequiredService<ModelService>();

    private static string Word() => $"quokka{Guid.NewGuid():N}"[..16];

    private async Task<IReadOnlyList<string>> ApiKeysAsync(string query)
    {
        var response = await Engineer.GetAsync($"/api/v1/models?{query}&pageSize=100");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadJsonAsync();
        return [.. page.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("key").GetString()!)];
    }

    private async Task<IReadOnlyList<string>> CardFilteredAsync(string key, string card) =>
        await ApiKeysAsync($"card={card}&team={Uri.EscapeDataString($"Team {key}")}");

    [Fact]
    public async Task A_word_only_in_the_card_finds_the_model_in_the_api_and_the_page_service()
    {
        var key = await portal.ModelAsync("Low", withReviewedCard: false, "eng-a");
        var other = await portal.ModelAsync("Low", withReviewedCard: false, "eng-a");
        var word = Word();
        Assert.Empty(await ApiKeysAsync($"search={word}"));

        (await Engineer.PutSectionAsync(key, "factors", 0, $"Applicants' region and the {word} segment.", "Factors")).EnsureSuccessStatusCode();

        Assert.Equal([key], await ApiKeysAsync($"search={word}"));
        var page = await Models.SearchAsync(Admin, new ModelQuery(Search: word.ToUpperInvariant()[2..12]));
        Assert.Equal([key], page.Items.Select(m => m.Key));
        Assert.Equal(1, page.TotalCount);
        // The card's match adds to the models' own: a search for the model key still finds it, and only it.
        Assert.Equal([other], await ApiKeysAsync($"search={other}"));
    }

    [Fact]
    public async Task A_search_shorter_than_a_trigram_and_one_without_a_text_index_find_card_words_too()
    {
        var key = await portal.ModelAsync("Low", withReviewedCard: false, "eng-a");
        var word = Word();
        (await Engineer.PutSectionAsync(key, "factors", 0, $"Seasonal {word} effects.", "Factors")).EnsureSuccessStatusCode();

        // Two characters: the word index, a word that starts with them; narrowed to the model's team.
        var team = Uri.EscapeDataString($"Team {key}");
        Assert.Equal([key], await ApiKeysAsync($"search=qu&team={team}"));
        // Two characters and no letter: no index answers, LIKE over the card text (a page row by row, the count once).
        (await Engineer.PutSectionAsync(key, "metrics", 1, "AUC ~~ 0.8", "Metrics")).EnsureSuccessStatusCode();
        Assert.Equal([key], await ApiKeysAsync($"search={Uri.EscapeDataString("~~")}&team={team}"));
        var page = await Models.SearchAsync(Admin, new ModelQuery(Search: "~~", Team: $"Team {key}"));
        Assert.Equal(1, page.TotalCount);
    }

    [Fact]
    public async Task A_text_in_more_cards_than_the_count_limit_is_broad_the_count_stops_there_and_the_page_still_finds_each_model()
    {
        var word = Word();
        var keys = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var key = await portal.ModelAsync("Low", withReviewedCard: false, "eng-a");
            (await Engineer.PutSectionAsync(key, "factors", 0, $"The {word} factor.", "Factors")).EnsureSuccessStatusCode();
            keys.Add(key);
        }

        // Only the cards hold the word: their index alone makes the text broad, as the models' index does for its own.
        var page = await Models.SearchAsync(Admin, new ModelQuery(Search: word, CountLimit: 2));

        Assert.True(page.TotalCountCapped);
        Assert.Equal(2, page.TotalCount);
        Assert.Equal(keys.Order(StringComparer.Ordinal), page.Items.Select(m => m.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_card_filter_under_a_count_limit_stops_counting_there_and_without_one_counts_exactly()
    {
        for (var i = 0; i < 3; i++)
        {
            await portal.ModelAsync("Low", withReviewedCard: false, "eng-a");
        }

        var capped = await Models.SearchAsync(Admin, new ModelQuery(Card: CardFilter.Unreviewed, CountLimit: 2));
        var exact = await Models.SearchAsync(Admin, new ModelQuery(Card: CardFilter.Unreviewed));

        Assert.True(capped.TotalCountCapped);
        Assert.Equal(2, capped.TotalCount);
        Assert.NotEmpty(capped.Items);
        Assert.False(exact.TotalCountCapped);
        Assert.True(exact.TotalCount >= 3, $"{exact.TotalCount} models counted without a reviewed card");
    }

    [Fact]
    public async Task Text_of_an_older_revision_no_longer_matches_once_replaced()
    {
        var key = await portal.ModelAsync("Low", withReviewedCard: false, "eng-a");
        var (old, replacement) = (Word(), Word());
        (await Engineer.PutSectionAsync(key, "factors", 0, $"The {old} factor.", "Factors")).EnsureSuccessStatusCode();
        Assert.Equal([key], await ApiKeysAsync($"search={old}"));

        (await Engineer.PutSectionAsync(key, "factors", 1, $"The {replacement} factor.", "Reworded")).EnsureSuccessStatusCode();

        Assert.Empty(await ApiKeysAsync($"search={old}"));
        Assert.Empty((await Models.SearchAsync(Admin, new ModelQuery(Search: old))).Items);
        Assert.Equal([key], await ApiKeysAsync($"search={replacement}"));
        // The old revision itself is still there to read.
        Assert.Contains(old, (await Engineer.CardAsync(key, 1)).GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Card_incomplete_keeps_models_without_a_card_or_with_one_missing_what_their_tier_needs()
    {
        var none = await portal.ModelAsync("Low", withReviewedCard: false, "eng-a");
        var started = await portal.ModelAsync("Low", withReviewedCard: false, "eng-a");
        var complete = await portal.ModelAsync("Low", withReviewedCard: false, "eng-a");
        (await Engineer.PutSectionAsync(started, "model-details", 0, CardRequests.Words(25), "Details")).EnsureSuccessStatusCode();
        await portal.CompleteLowCardAsync(complete);

        Assert.Equal([none], await CardFilteredAsync(none, "incomplete"));
        Assert.Equal([started], await CardFilteredAsync(started, "incomplete"));
        Assert.Empty(await CardFilteredAsync(complete, "incomplete"));
        var page = await Models.SearchAsync(Admin, new ModelQuery(Team: $"Team {complete}", Card: CardFilter.Incomplete));
        Assert.Empty(page.Items);
    }

    [Fact]
    public async Task Card_not_reviewed_keeps_models_until_their_latest_revision_is_reviewed_and_again_after_an_edit()
    {
        var key = await portal.ModelAsync("Low", withReviewedCard: false, "eng-a");
        var none = await portal.ModelAsync("Low", withReviewedCard: false, "eng-a");
        var revision = await portal.CompleteLowCardAsync(key);
        Assert.Equal([key], await CardFilteredAsync(key, "unreviewed"));
        Assert.Equal([none], await CardFilteredAsync(none, "unreviewed"));

        await portal.Cards().ReviewAsync(Reviewer("rev-search"), portal.FreshSession, key, new ReviewRequest(revision, "Reads well."));
        Assert.Empty(await CardFilteredAsync(key, "unreviewed"));

        (await Engineer.PutSectionAsync(key, "factors", revision, "Age.", "Factors")).EnsureSuccessStatusCode();
        Assert.Equal([key], await CardFilteredAsync(key, "unreviewed"));
    }

    [Fact]
    public async Task A_tier_change_judges_the_card_against_the_new_tiers_template()
    {
        var key = await portal.ModelAsync("Low", withReviewedCard: false, "eng-a");
        await portal.CompleteLowCardAsync(key);
        Assert.Empty(await CardFilteredAsync(key, "incomplete"));

        var model = await Models.GetAsync(Admin, key);
        await Models.ClassifyAsync(Admin, key, RiskTier.High, model.Team, "Now decides credit limits.", model.Revision);

        Assert.Equal([key], await CardFilteredAsync(key, "incomplete"));
    }

    [Fact]
    public async Task A_template_change_judges_again_every_card_of_its_tier()
    {
        var key = await portal.ModelAsync("Medium", withReviewedCard: false, "eng-a");
        var reviewer = portal.ClientAs(PortalRoles.ComplianceReviewer);
        var current = (await (await reviewer.GetAsync("/api/v1/card-templates/Medium")).ReadJsonAsync())[0];
        var version = current.GetProperty("version").GetInt32();
        (await reviewer.PutJsonAsync("/api/v1/card-templates/Medium", new
        {
            expectedVersion = version,
            requirements = new[] { new { key = "factors", title = "Factors", minWords = 5 } },
            reason = "Factors only",
        })).EnsureSuccessStatusCode();
        (await Engineer.PutSectionAsync(key, "factors", 0, CardRequests.Words(6), "Factors")).EnsureSuccessStatusCode();
        Assert.Empty(await CardFilteredAsync(key, "incomplete"));

        var changed = await reviewer.PutJsonAsync("/api/v1/card-templates/Medium", new
        {
            expectedVersion = version + 1,
            requirements = new[] { new { key = "factors", title = "Factors", minWords = 40 } },
            reason = "Factors in depth",
        });

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal([key], await CardFilteredAsync(key, "incomplete"));
    }

    [Fact]
    public async Task An_unknown_card_filter_is_a_400_problem()
    {
        foreach (var card in new[] { "finished", "0", "incomplete%20x" })
        {
            var response = await Engineer.GetAsync($"/api/v1/models?card={card}");

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.ReadJsonAsync();
            Assert.Equal("The card filter is 'incomplete' or 'unreviewed'.", problem.GetProperty("errors").GetProperty("card")[0].GetString());
        }
        var control = await Engineer.GetAsync("/api/v1/models?card=incomplete%00");
        Assert.Equal(HttpStatusCode.BadRequest, control.StatusCode);
    }
}
