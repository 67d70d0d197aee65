using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.ModelCards;
using Portal.Web.Features.ModelCards;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Features.ModelCards;

/// <summary>The printable card (issue 15, "a printable HTML page"): evidence on paper, so it says all the Card tab says.</summary>
public sealed class CardPrintPageTests : PortalTestContext
{
    public CardPrintPageTests()
    {
        Services.AddSingleton<ModelCardService>();
        Services.AddSingleton<CardFactsService>();
    }

    private ModelCardService Cards => Services.GetRequiredService<ModelCardService>();

    private IRenderedComponent<CardPrintPage> RenderPage(string key, int? revision = null)
    {
        RenderProviders();
        // The revision comes from the address, as the Card tab's link gives it.
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/models/{key}/card/print" + (revision is null ? "" : $"?revision={revision}"));
        return Render<CardPrintPage>(p => p.Add(c => c.Key, key));
    }

    [Fact]
    public async Task Prints_the_revision_with_what_is_missing_and_the_facts_held_as_of_it()
    {
        await RegisterModelAsync("print-card");
        await Cards.SaveAsync(Arranger, "print-card", 0, [new CardSection("model-details", "Model details", "A **boosted** model. <script>alert(1)</script>")],
            "First", null);

        var page = RenderPage("print-card", 1);

        page.WaitForAssertion(() => Assert.Contains("revision 1 of 1", page.Find("#card-print-header").TextContent, StringComparison.Ordinal));
        Assert.Single(page.FindAll("h1"));
        Assert.Null(page.Find("#card-print").QuerySelector("script"));
        Assert.Contains(page.FindAll("#card-print-missing li"), li => li.TextContent.Contains("Intended use is empty", StringComparison.Ordinal));
        // The facts block of the Card tab, as of the revision: this model has no owner yet.
        page.WaitForAssertion(() => Assert.Contains("No owner.", page.Find("#card-print #facts-owners").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_model_without_a_card_says_so_instead_of_printing_an_empty_revision()
    {
        await RegisterModelAsync("print-empty");

        var page = RenderPage("print-empty");

        page.WaitForAssertion(() => Assert.Contains("no card written yet", page.Find("#card-print-empty").TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain("revision 0", page.Markup, StringComparison.Ordinal);
        Assert.Single(page.FindAll("h1"));
    }

    [Fact]
    public void An_unknown_model_keeps_the_page_heading_and_says_what_is_wrong()
    {
        var page = RenderPage("no-such-model");

        page.WaitForAssertion(() => Assert.Contains("no-such-model", page.Find("#card-print-problem").TextContent, StringComparison.Ordinal));
        Assert.Single(page.FindAll("h1"));
    }
}
