using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Domain.Access;
using Portal.Domain.Inventory;
using Portal.Domain.Ownership;
using Portal.IntegrationTests.Infrastructure;
using Portal.Web.Auth;
using Portal.Web.Features.Inventory;

namespace Portal.IntegrationTests.Api;

/// <summary>
/// A search that matches more models than the count limit is checked row by row instead of through its index ids, and
/// its count stops at the limit. A small limit makes a handful of models "broad".
/// </summary>
public sealed class BroadSearchTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static readonly Actor Setup = new("test-setup", "Test setup", new HashSet<string> { PortalRoles.Admin });
    private static readonly Actor Reader = new("broad-reader", "Broad Reader", new HashSet<string> { PortalRoles.Engineer });
    private const int Limit = 2;

    [Fact]
    public async Task A_broad_search_counts_up_to_the_limit_and_pages_in_order()
    {
        await SeedAsync("wide");

        var page = await SearchAsync(new ModelQuery(Search: "widemark", PageSize: 2, CountLimit: Limit));

        Assert.True(page.TotalCountCapped);
        Assert.Equal(Limit, page.TotalCount);
        Assert.Equal(["wide-1", "wide-2"], page.Items.Select(m => m.Key));
        var second = await SearchAsync(new ModelQuery(Search: "widemark", PageSize: 2, Page: 2, Sort: ModelSort.Key, Descending: true, CountLimit: Limit));
        Assert.Equal(["wide-2", "wide-1"], second.Items.Select(m => m.Key));
    }

    [Fact]
    public async Task A_broad_search_with_other_filters_counts_exactly_below_the_limit_and_finds_owner_names()
    {
        await SeedAsync("filt");

        var production = await SearchAsync(new ModelQuery(Search: "filtmark", Status: LifecycleStatus.Production, CountLimit: Limit));

        Assert.False(production.TotalCountCapped);
        // filt-5 is found by its owner's name alone; filt-4 is in Production but its text does not match.
        Assert.Equal(["filt-1", "filt-5"], production.Items.Select(m => m.Key));
        Assert.Equal(2, production.TotalCount);
    }

    [Fact]
    public async Task The_api_counts_every_match_and_says_nothing_of_a_limit()
    {
        await SeedAsync("full");

        var page = await SearchAsync(new ModelQuery(Search: "fullmark", CountLimit: Limit));
        var api = await (await portal.ClientAs(PortalRoles.Engineer).GetAsync("/api/v1/models?search=fullmark")).ReadJsonAsync();

        Assert.Equal((true, Limit), (page.TotalCountCapped, page.TotalCount));
        Assert.Equal(4, api.GetProperty("totalCount").GetInt32());
        Assert.False(api.TryGetProperty("totalCountCapped", out _));
    }

    [Fact]
    public async Task A_broad_short_search_still_matches_the_start_of_words_and_owner_names()
    {
        await SeedAsync("qz");

        var page = await SearchAsync(new ModelQuery(Search: "qy", Team: "Broad qz", CountLimit: Limit));

        // qz-1..3 have the word "qyword"; qz-4 only "aqyx" inside a word; qz-5 an owner named "Qy Owner qz".
        Assert.Equal(["qz-1", "qz-2", "qz-3", "qz-5"], page.Items.Select(m => m.Key));
        Assert.Equal((true, Limit), (page.TotalCountCapped, page.TotalCount));
    }

    [Theory]
    [InlineData(Limit, "all")]
    [InlineData(null, "any")]
    public async Task Every_filter_at_once_keeps_only_the_models_matching_all(int? countLimit, string prefix)
    {
        // With the limit the text is broad and the owner's models drive; without it the text drives, and the owner and
        // the tag are checked per model.
        await SeedAsync(prefix);

        var page = await SearchAsync(new ModelQuery(Search: $"{prefix}mark", Status: LifecycleStatus.Production, Tag: $"{prefix}tag",
            Owner: $"Owner {prefix}-1", CountLimit: countLimit));

        Assert.Equal([$"{prefix}-1"], page.Items.Select(m => m.Key));
        Assert.Equal(1, page.TotalCount);
    }

    [Fact]
    public async Task Sets_alone_are_intersected_and_counted_from_their_ids()
    {
        await SeedAsync("sets");

        var both = await SearchAsync(new ModelQuery(Tag: "setstag", Owner: "Owner sets-4"));
        var tagOnly = await SearchAsync(new ModelQuery(Tag: "setstag"));

        Assert.Equal(["sets-4"], both.Items.Select(m => m.Key));
        Assert.Equal(1, both.TotalCount);
        Assert.Equal(["sets-1", "sets-4"], tagOnly.Items.Select(m => m.Key));
        Assert.Equal(2, tagOnly.TotalCount);
    }

    [Fact]
    public async Task A_large_tag_is_paged_in_order_and_counted_exactly()
    {
        // Enough models that the page walks the sort's index instead of finding the tag's models by id.
        await using (var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            db.Models.AddRange(Enumerable.Range(0, ModelIdSets.LargeSet + 5).Select(i => Model.Register(new ModelDetails(
                $"large-{i:D5}", $"Large {i}", null, "Large Team", i % 3 == 0 ? RiskTier.High : RiskTier.Low, LifecycleStatus.Development,
                i % 2 == 0 ? ["largetag"] : ["largetag", "even-not"]), "Test setup", DateTime.UtcNow)));
            db.Actor = Setup;
            await db.SaveChangesAsync();
        }

        var byKey = await SearchAsync(new ModelQuery(Tag: "largetag", Sort: ModelSort.Key, Descending: true, PageSize: 3, Page: 2));
        var highFirst = await SearchAsync(new ModelQuery(Tag: "largetag", Team: "Large Team", Sort: ModelSort.RiskTier, Descending: true, PageSize: 2));

        Assert.Equal(["large-02001", "large-02000", "large-01999"], byKey.Items.Select(m => m.Key));
        Assert.Equal(ModelIdSets.LargeSet + 5, byKey.TotalCount);
        Assert.Equal(["large-02004", "large-02001"], highFirst.Items.Select(m => m.Key));
        Assert.Equal(ModelIdSets.LargeSet + 5, highFirst.TotalCount);
    }

    private async Task<Portal.Web.Features.Shared.PagedResult<ModelSummary>> SearchAsync(ModelQuery query) =>
        await portal.Services.GetRequiredService<ModelService>().SearchAsync(Reader, query);

    /// <summary>
    /// Five models of one team: 1 to 3 carry "{prefix}mark" and the word "qyword"; 4 has neither, only "aqyx" inside a word;
    /// 5 is found only through its owner's name. 1 and 4 are tagged; 1, 4 and 5 are in Production.
    /// </summary>
    private async Task SeedAsync(string prefix)
    {
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var models = Enumerable.Range(1, 5).Select(i => Model.Register(new ModelDetails(
            Key: $"{prefix}-{i}",
            Name: $"Broad {prefix} {i}",
            Description: i <= 3 ? $"Has {prefix}mark and a qyword." : "Only aqyx here.",
            Team: $"Broad {prefix}",
            RiskTier: RiskTier.Low,
            Status: i is 1 or 4 or 5 ? LifecycleStatus.Production : LifecycleStatus.Development,
            Tags: i is 1 or 4 ? [$"{prefix}tag"] : []), "Test setup", DateTime.UtcNow)).ToList();
        db.Models.AddRange(models);
        db.Actor = Setup;
        await db.SaveChangesAsync();
        foreach (var model in models)
        {
            var owner = model.Key.EndsWith("-5", StringComparison.Ordinal) ? $"Qy Owner {prefix}mark" : $"Owner {model.Key}";
            var subject = "subject-" + model.Key;
            await portal.Services.GetRequiredService<UserDirectoryService>().RecordSignInAsync(subject, owner, null, new HashSet<string>());
            db.OwnershipAssignments.Add(OwnershipAssignment.Assign(model.Id, model.Key, subject, owner, OwnerRole.Primary, "Test setup", "test", DateTime.UtcNow));
        }
        await db.SaveChangesAsync();
    }
}
