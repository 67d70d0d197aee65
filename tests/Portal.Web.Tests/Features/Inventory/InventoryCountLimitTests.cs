using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Portal.Web.Features.Inventory;
using Portal.Web.Features.Shared;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Features.Inventory;

/// <summary>The page counts a broad search up to the configured limit and then says "more than".</summary>
public class InventoryCountLimitTests : PortalTestContext
{
    private const int Limit = Paging.MaxPageSize;

    public InventoryCountLimitTests() => Services.Configure<InventoryOptions>(o => o.PageCountLimit = Limit);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        for (var i = 1; i <= Limit + 2; i++)
        {
            await RegisterModelAsync($"broad-{i:00}", team: "Wide");
        }
        await RegisterModelAsync("narrow-1", team: "Narrow");
    }

    private IRenderedComponent<InventoryPage> RenderAt(string address)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(address);
        return RenderWithProviders<InventoryPage>();
    }

    [Fact]
    public void A_search_matching_more_models_than_the_limit_shows_more_than_the_limit()
    {
        var cut = RenderAt("models?search=broad-");

        cut.WaitForAssertion(() => Assert.Equal(25, InventoryPageTests.Rows(cut).Count));
        Assert.Equal($"1-25 of more than {Limit}", InventoryPageTests.PagerText(cut));
    }

    [Fact]
    public void A_search_under_the_limit_shows_its_exact_count()
    {
        var cut = RenderAt("models?search=narrow");

        cut.WaitForAssertion(() => Assert.Single(InventoryPageTests.Rows(cut)));
        Assert.Equal("1-1 of 1", InventoryPageTests.PagerText(cut));
    }
}
