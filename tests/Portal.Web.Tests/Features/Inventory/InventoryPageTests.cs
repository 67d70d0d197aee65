using AngleSharp.Dom;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Access;
using Portal.Domain.Inventory;
using Portal.Web.Features.Inventory;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Features.Inventory;

public class InventoryPageTests : PortalTestContext
{
    private const int CreditModels = 28;
    private const int AllModels = CreditModels + 2;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        for (var i = 1; i <= CreditModels; i++)
        {
            await RegisterModelAsync($"credit-{i:00}", team: "Lending", tags: "credit");
        }
        await RegisterModelAsync("fraud-score", "Card fraud score", "Payments", RiskTier.High, LifecycleStatus.Production, "kyc");
        await RegisterModelAsync("fraud-rings", "Fraud ring detector", "Payments", RiskTier.High, LifecycleStatus.Validation, "kyc");
    }

    internal static IReadOnlyList<IElement> Rows(IRenderedComponent<InventoryPage> cut) => cut.FindAll("#inventory-table tbody tr.mud-table-row");

    internal static string PagerText(IRenderedComponent<InventoryPage> cut) => cut.Find(".mud-table-page-number-information").TextContent.Trim();

    private static IEnumerable<string> Keys(IRenderedComponent<InventoryPage> cut) =>
        Rows(cut).Select(row => row.QuerySelector("td[data-label='Key']")!.TextContent.Trim());

    private IRenderedComponent<InventoryPage> RenderLoaded()
    {
        var cut = RenderWithProviders<InventoryPage>();
        cut.WaitForAssertion(() => Assert.Equal(25, Rows(cut).Count));
        return cut;
    }

    [Fact]
    public void Inventory_shows_the_first_page_of_25_models_and_the_total_in_the_pager()
    {
        var cut = RenderLoaded();

        Assert.Equal(25, Rows(cut).Count);
        Assert.Equal($"1-25 of {AllModels}", PagerText(cut));
    }

    [Fact]
    public void Inventory_is_sorted_by_key_by_default()
    {
        var cut = RenderLoaded();

        var keys = Keys(cut).ToList();

        Assert.Equal("credit-01", keys[0]);
        Assert.Equal(keys.Order(StringComparer.OrdinalIgnoreCase), keys);
    }

    [Fact]
    public void Next_page_shows_the_remaining_models()
    {
        var cut = RenderLoaded();

        cut.Find("button[aria-label='Next page']").Click();

        cut.WaitForAssertion(() => Assert.Equal(AllModels - 25, Rows(cut).Count));
        Assert.Equal($"26-{AllModels} of {AllModels}", PagerText(cut));
        Assert.Equal(new[] { "credit-26", "credit-27", "credit-28", "fraud-rings", "fraud-score" }, Keys(cut));
    }

    private (IRenderedComponent<InventoryPage> Page, IElement Row) FraudScoreRowOnTheLastPage()
    {
        var cut = RenderLoaded();
        cut.Find("button[aria-label='Last page']").Click();
        cut.WaitForAssertion(() => Assert.Contains("fraud-score", Keys(cut)));
        return (cut, Rows(cut).Single(r => r.TextContent.Contains("fraud-score", StringComparison.Ordinal)));
    }

    [Fact]
    public void Rows_show_the_model_fields()
    {
        var (_, row) = FraudScoreRowOnTheLastPage();

        Assert.Equal("Card fraud score", row.QuerySelector("td[data-label='Name']")!.TextContent.Trim());
        Assert.Equal("Payments", row.QuerySelector("td[data-label='Team']")!.TextContent.Trim());
        Assert.Equal("High", row.QuerySelector("td[data-label='Risk tier']")!.TextContent.Trim());
        Assert.Equal("Production", row.QuerySelector("td[data-label='Status']")!.TextContent.Trim());
        Assert.Equal("kyc", row.QuerySelector("td[data-label='Tags']")!.TextContent.Trim());
        Assert.Equal("models/fraud-score", row.QuerySelector("td[data-label='Key'] a")!.GetAttribute("href"));
    }

    [Fact]
    public void Cells_are_markup_with_the_chips_look_and_no_component_per_cell()
    {
        var (cut, row) = FraudScoreRowOnTheLastPage();

        // Each MudTd, MudLink or MudChip per cell would cost every open tab its component state on the server.
        Assert.Empty(cut.FindComponents<MudBlazor.MudChip<string>>());
        Assert.Empty(cut.FindComponents<MudBlazor.MudTd>());
        Assert.Empty(cut.FindComponents<MudBlazor.MudLink>());
        Assert.Contains("mud-chip-color-error", row.QuerySelector("td[data-label='Risk tier'] .mud-chip")!.ClassName, StringComparison.Ordinal);
        Assert.Contains("mud-chip-filled", row.QuerySelector("td[data-label='Status'] .mud-chip")!.ClassName, StringComparison.Ordinal);
        Assert.Equal("none", row.QuerySelector("td[data-label='Primary owner'] .mud-chip")!.TextContent.Trim());
    }

    [Fact]
    public void Typing_in_the_search_box_narrows_the_rows()
    {
        var cut = RenderLoaded();

        cut.Find("#inventory-search").Input("FRAUD");

        cut.WaitForAssertion(() => Assert.Equal(new[] { "fraud-rings", "fraud-score" }, Keys(cut)));
        Assert.Equal("1-2 of 2", PagerText(cut));
    }

    [Fact]
    public void Searching_from_the_second_page_shows_the_matches()
    {
        var cut = RenderLoaded();
        cut.Find("button[aria-label='Next page']").Click();
        cut.WaitForAssertion(() => Assert.Equal(AllModels - 25, Rows(cut).Count));

        cut.Find("#inventory-search").Input("credit-0");

        cut.WaitForAssertion(() => Assert.Equal(9, Rows(cut).Count));
        Assert.Equal("1-9 of 9", PagerText(cut));
    }

    [Fact]
    public void Status_in_the_address_filters_the_inventory_and_an_unknown_tier_is_ignored()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("models?status=production&riskTier=extreme");

        var cut = RenderWithProviders<InventoryPage>();

        cut.WaitForAssertion(() => Assert.Equal(new[] { "fraud-score" }, Keys(cut)));
    }

    [Fact]
    public void Following_a_link_to_another_inventory_address_filters_the_open_page()
    {
        var cut = RenderLoaded();
        Assert.True(Rows(cut).Count > 1);

        cut.InvokeAsync(() => Services.GetRequiredService<NavigationManager>().NavigateTo("models?status=production"));

        cut.WaitForAssertion(() => Assert.Equal(new[] { "fraud-score" }, Keys(cut)));
    }

    [Fact]
    public void Search_is_written_into_the_address()
    {
        var cut = RenderLoaded();

        cut.Find("#inventory-search").Input("fraud");

        cut.WaitForAssertion(() => Assert.Equal(2, Rows(cut).Count));
        Assert.Contains("search=fraud", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void Search_matches_the_description_too()
    {
        var cut = RenderLoaded();

        cut.Find("#inventory-search").Input("description of credit-07");

        cut.WaitForAssertion(() => Assert.Equal(new[] { "credit-07" }, Keys(cut)));
    }

    [Fact]
    public void Search_that_matches_nothing_says_so()
    {
        var cut = RenderLoaded();

        cut.Find("#inventory-search").Input("no-such-model");

        cut.WaitForAssertion(() => Assert.Contains("No model matches these filters.", cut.Markup, StringComparison.Ordinal));
        Assert.Empty(Rows(cut));
    }

    [Fact]
    public void Wildcards_typed_in_the_search_box_match_themselves()
    {
        var cut = RenderLoaded();

        cut.Find("#inventory-search").Input("_");

        // Every key has a '-' but none has a '_': an unescaped '_' would match every model.
        cut.WaitForAssertion(() => Assert.Contains("No model matches these filters.", cut.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public void Typing_a_tag_filter_narrows_the_rows()
    {
        var cut = RenderLoaded();

        cut.Find("#filter-tag").Input("KYC");

        cut.WaitForAssertion(() => Assert.Equal(new[] { "fraud-rings", "fraud-score" }, Keys(cut)));
    }

    [Fact]
    public void Choosing_a_status_filter_narrows_the_rows()
    {
        var cut = RenderLoaded();

        ChooseOption(cut, "#filter-status", nameof(LifecycleStatus.Production));

        cut.WaitForAssertion(() => Assert.Equal(new[] { "fraud-score" }, Keys(cut)));
        Assert.Equal("1-1 of 1", PagerText(cut));
        Assert.Contains("status=Production", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void Choosing_a_team_filter_narrows_the_rows()
    {
        var cut = RenderLoaded();

        ChooseOption(cut, "#filter-team", "Payments");

        cut.WaitForAssertion(() => Assert.Equal(new[] { "fraud-rings", "fraud-score" }, Keys(cut)));
    }

    [Fact]
    public void Register_button_is_shown_to_an_engineer()
    {
        SignInAs(PortalRoles.Engineer);

        var cut = RenderLoaded();

        Assert.NotNull(cut.Find("#register-model"));
        Assert.Contains("Register model", cut.Find("#register-model").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Register_button_is_not_shown_to_an_auditor_who_still_sees_the_inventory()
    {
        SignInAs(PortalRoles.Auditor);

        var cut = RenderLoaded();

        Assert.Empty(cut.FindAll("#register-model"));
        Assert.Equal($"1-25 of {AllModels}", PagerText(cut));
    }

    [Fact]
    public void Register_button_opens_the_registration_dialog()
    {
        var cut = RenderLoaded();

        cut.Find("#register-model").Click();

        Host.WaitForAssertion(() => Assert.NotNull(Host.Find("#model-key")));
        Assert.Contains("Register a model", Host.Find(".mud-dialog-title").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registering_from_the_page_saves_the_model_and_opens_it()
    {
        var cut = RenderLoaded();
        cut.Find("#register-model").Click();
        var form = new ModelFormDriver(Host);
        Host.WaitForAssertion(() => Assert.True(form.IsOpen));

        form.Fill(key: "churn-risk", name: "Churn risk", team: HomeTeam, tier: RiskTier.Medium);
        form.Save();

        var navigation = Services.GetRequiredService<NavigationManager>();
        Host.WaitForAssertion(() => Assert.EndsWith("/models/churn-risk", navigation.Uri, StringComparison.Ordinal));
        Assert.False(form.IsOpen);
        Assert.Contains("Model churn-risk registered as Medium risk. It has no owner yet", Host.Markup, StringComparison.Ordinal);
        Assert.Equal(AllModels + 1, await CountModelsAsync());
    }

    private void ChooseOption(IRenderedComponent<InventoryPage> cut, string selectId, string option)
    {
        // A MudSelect opens on mouse-down and lists its options in the popover provider, outside the page.
        cut.Find(selectId).Closest(".mud-input-control")!.MouseDown();
        Host.WaitForAssertion(() => Assert.NotEmpty(Host.FindAll(".mud-popover-open [role='option']")));
        Host.FindAll(".mud-popover-open [role='option']")
            .Single(item => item.TextContent.Trim() == option)
            .Click();
    }
}
