using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Portal.EndToEndTests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Portal.EndToEndTests.Accessibility;

/// <summary>
/// Every page, as every demo person, in Chromium: no serious or critical axe-core violation of WCAG 2.2 A and AA at
/// desktop width, and no sideways scrolling of the page at phone width (390 px). One sign-in per person; the pages are
/// visited in one browser context.
/// </summary>
[Collection(DemoPortalCollection.Name)]
public sealed partial class EveryPageAccessibilityTests(DemoPortalEnvironment environment, ITestOutputHelper output)
{
    private const int DesktopWidth = 1280;
    private const int PhoneWidth = 390;
    private const float StepTimeout = 60_000;

    private static readonly List<string> WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

    [Theory]
    [InlineData("demo-alice")]
    [InlineData("demo-mona")]
    [InlineData("demo-rita")]
    [InlineData("demo-eric")]
    [InlineData("demo-audrey")]
    [InlineData("demo-nadia")]
    public async Task Every_page_passes_axe_and_fits_a_phone(string person)
    {
        await using var context = await environment.NewContextAsync();
        context.SetDefaultTimeout(StepTimeout);
        context.SetDefaultNavigationTimeout(StepTimeout);
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        var scanned = 0;

        await page.GotoAsync("/account/login");
        await CheckAsync(page, "Sign-in", problems);
        await page.Locator($"#signin-{person}").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"^(?!.*/account/)"), new PageAssertionsToHaveURLOptions { Timeout = StepTimeout });

        foreach (var route in EveryPage.Routes)
        {
            await page.SetViewportSizeAsync(DesktopWidth, 900);
            await page.GotoAsync(route.Path(environment.Records));
            await WaitUntilReadyAsync(page);
            await CheckAsync(page, route.Name, problems);
            scanned++;
        }

        output.WriteLine($"{person}: {scanned + 1} pages scanned, {problems.Count} problems.");
        Assert.True(problems.Count == 0, $"{person}:\n{string.Join("\n", problems)}");
    }

    [Fact]
    public async Task Escape_closes_a_dialog_and_sort_headers_are_reached_with_the_keyboard()
    {
        await using var context = await environment.NewContextAsync();
        var page = await OpenInventoryAsync(context);
        await PortalPages.WaitForInteractiveAsync(page);

        var dialog = page.Locator(".mud-dialog");
        await PortalPages.ClickUntilVisibleAsync(page.Locator("#register-model"), dialog);
        // MudBlazor listens for Escape once the dialog has rendered its key handler; focus inside it, then press until it closes.
        await dialog.Locator("input").First.FocusAsync();
        await PressUntilGoneAsync(page, "Escape", dialog);

        // The Name header is a button in the tab order; Enter sorts by it.
        var nameHeader = page.Locator("#inventory-table th .mud-table-sort-label").Filter(new LocatorFilterOptions { HasText = "Name" });
        await nameHeader.FocusAsync();
        await Expect(nameHeader).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#inventory-table th[aria-sort=ascending]")).ToContainTextAsync("Name");
    }

    [Fact]
    public async Task Inventory_filter_labels_show_whole_and_the_phone_sort_select_has_a_name()
    {
        await using var context = await environment.NewContextAsync();
        var page = await OpenInventoryAsync(context);
        await WaitUntilReadyAsync(page);
        await Expect(page.Locator("#inventory-filters label").Filter(new LocatorFilterOptions { HasText = "Open flag" })).ToBeVisibleAsync();
        Assert.Empty(await CutFilterLabelsAsync(page));

        await page.SetViewportSizeAsync(PhoneWidth, 844);
        Assert.Empty(await CutFilterLabelsAsync(page));
        // MudTable renders its phone sort select from the sort labels its header registered, so only once the table renders again.
        await page.Locator("#inventory-view button").Nth(1).ClickAsync();
        var sortSelect = page.Locator("#inventory-table .mud-table-smalldevices-sortselect");
        await Expect(sortSelect.GetByRole(AriaRole.Combobox, new LocatorGetByRoleOptions { Name = "Sort by" })).ToBeVisibleAsync();
        var problems = new List<string>();
        await CheckAsync(page, "Model inventory at phone width", problems);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>
    /// The inventory's filter labels that do not show whole (MudBlazor cuts them with an ellipsis): none, or those still cut when
    /// the layout has had 10 s to settle (just after a resize a label is cut for a moment).
    /// </summary>
    private static async Task<string[]> CutFilterLabelsAsync(IPage page)
    {
        try
        {
            await page.WaitForFunctionAsync($"() => ({CutFilterLabels})().length === 0", null, new PageWaitForFunctionOptions { Timeout = 10_000 });
            return [];
        }
        catch (TimeoutException)
        {
            return await page.EvaluateAsync<string[]>(CutFilterLabels);
        }
    }

    private const string CutFilterLabels =
        "() => [...document.querySelectorAll('#inventory-filters label')].filter(l => l.scrollWidth > l.clientWidth).map(l => l.textContent)";

    /// <summary>Signs in as demo-eric, who lands on the inventory.</summary>
    private static async Task<IPage> OpenInventoryAsync(IBrowserContext context)
    {
        context.SetDefaultTimeout(StepTimeout);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login?returnUrl=%2Fmodels");
        await page.Locator("#signin-demo-eric").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/models$"), new PageAssertionsToHaveURLOptions { Timeout = StepTimeout });
        return page;
    }

    private static async Task PressUntilGoneAsync(IPage page, string key, ILocator target)
    {
        for (var attempt = 1; ; attempt++)
        {
            await page.Keyboard.PressAsync(key);
            try
            {
                await Expect(target).ToHaveCountAsync(0, new LocatorAssertionsToHaveCountOptions { Timeout = 3_000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 10)
            {
            }
        }
    }

    /// <summary>The page has its heading and nothing is loading any more: no spinner bar, no table waiting for its rows.</summary>
    private static async Task WaitUntilReadyAsync(IPage page)
    {
        await PortalPages.WaitForInteractiveAsync(page);
        await Expect(page.Locator("h1").First).ToBeVisibleAsync();
        await Expect(page.Locator(".mud-progress-linear[aria-label=Loading], .mud-table-loading")).ToHaveCountAsync(0);
    }

    private async Task CheckAsync(IPage page, string name, List<string> problems)
    {
        var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = WcagTags } });
        var severe = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        output.WriteLine($"  {name}: {result.Violations.Length} violations, {severe.Count} serious or critical");
        problems.AddRange(severe.Select(v =>
            $"{name} ({page.Url}): {v.Impact} {v.Id}: {v.Help} at {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}"));
        if (await H1CountAsync(page) != 1)
        {
            problems.Add($"{name}: {await H1CountAsync(page)} h1 elements, not one");
        }
        if (await page.Locator("main").CountAsync() != 1)
        {
            problems.Add($"{name}: no main landmark");
        }

        await page.SetViewportSizeAsync(PhoneWidth, 844);
        try
        {
            // A state, polled: the layout settles after the resize (the drawer closes, tables become cards).
            await page.WaitForFunctionAsync("() => document.documentElement.scrollWidth <= window.innerWidth", null,
                new PageWaitForFunctionOptions { Timeout = 10_000 });
        }
        catch (TimeoutException)
        {
            var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            problems.Add($"{name}: at {PhoneWidth} px the page scrolls sideways ({width} px wide)");
        }
        if (await page.Locator(".app-title").CountAsync() > 0 && await page.EvaluateAsync<bool>(TitleWraps))
        {
            problems.Add($"{name}: at {PhoneWidth} px the app bar title wraps");
        }
        await page.SetViewportSizeAsync(DesktopWidth, 900);
    }

    private const string TitleWraps =
        "() => { const t = document.querySelector('.app-title'); return t.getBoundingClientRect().height > 1.6 * parseFloat(getComputedStyle(t).lineHeight); }";

    private static Task<int> H1CountAsync(IPage page) => page.Locator("h1").CountAsync();
}
