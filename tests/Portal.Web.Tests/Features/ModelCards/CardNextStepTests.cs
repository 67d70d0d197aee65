using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.ModelCards;
using Portal.Web.Features.Inventory;
using Portal.Web.Features.ModelCards;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Features.ModelCards;

/// <summary>The model page's checklist reads the card as the model-card gate does and sends the reader to the Card tab.</summary>
public sealed class CardNextStepTests : PortalTestContext
{
    public CardNextStepTests() => Services.AddSingleton<ModelCardService>();

    [Fact]
    public async Task An_incomplete_card_is_a_step_to_do_that_names_what_is_missing_and_opens_the_card_tab()
    {
        await RegisterModelAsync("card-step");
        await Services.GetRequiredService<ModelCardService>().SaveAsync(Arranger, "card-step", 0,
            [new CardSection("model-details", "Model details", "A logistic model of default.")], "First", null);
        string? opened = null;

        var panel = Render<NextStepsPanel>(p => p.Add(c => c.ModelKey, "card-step").Add(c => c.OnOpenTab, tab => opened = tab));

        panel.WaitForAssertion(() => Assert.Equal("ToDo", panel.Find("[data-step=card]").GetAttribute("data-state")));
        var step = panel.Find("[data-step=card]").TextContent;
        Assert.Contains("Revision 1 is incomplete for its risk tier:", step, StringComparison.Ordinal);
        Assert.Contains("Intended use is empty", step, StringComparison.Ordinal);
        panel.Find("[data-step=card] .next-step-open").Click();
        Assert.Equal("card", opened);
    }
}
