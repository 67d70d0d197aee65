using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Web.Features.Inventory;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Features.Inventory;

public class ModelPageTabTests : PortalTestContext
{
    [Fact]
    public async Task The_tab_follows_the_address_while_the_model_page_stays_open()
    {
        await RegisterModelAsync("fraud-score");
        // Only the page's tabs are under test, not what each tab shows.
        ComponentFactories.AddStub(type => type != typeof(ModelPage) && type.Namespace?.StartsWith("Portal.Web.Features", StringComparison.Ordinal) == true);
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("models/fraud-score?tab=versions");
        var page = Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<ModelPage>(1);
            builder.AddAttribute(2, nameof(ModelPage.Key), "fraud-score");
            builder.CloseComponent();
        });
        page.WaitForAssertion(() => Assert.Equal("Versions", ActiveTab(page)));
        // Opened before the first render: the Overview's panels never load.
        Assert.Single(page.FindComponents<Stub<Portal.Web.Features.Versions.ModelVersionsTab>>());
        Assert.Empty(page.FindComponents<Stub<NextStepsPanel>>());

        await page.InvokeAsync(() => navigation.NavigateTo("models/fraud-score?tab=ownership"));

        page.WaitForAssertion(() => Assert.Equal("Ownership", ActiveTab(page)));
    }

    private static string ActiveTab(IRenderedComponent<IComponent> page) => page.Find(".mud-tab.mud-tab-active").TextContent.Trim();
}
