using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Domain.Access;
using Portal.EndToEndTests.Infrastructure;
using Portal.Web.Auth;
using Portal.Web.Features.Flags;
using Portal.Web.Features.Ownership;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Portal.EndToEndTests.Journeys;

/// <summary>A manager finds her team's orphaned model on the attention page, acknowledges and snoozes it, and goes to reassign it.</summary>
[Collection(PortalCollection.Name)]
public sealed class AttentionJourneyTests(PortalEnvironment environment, ITestOutputHelper output) : BrowserTest(environment, output)
{
    private static readonly Actor Admin = new("e2e-admin", "E2E Admin", new HashSet<string> { PortalRoles.Admin });

    [Fact]
    public Task A_manager_acknowledges_and_snoozes_an_orphaned_model_and_opens_its_ownership() => InBrowserAsync(async page =>
    {
        var key = PipelineClient.UniqueKey("e2e-flag");
        var team = $"Team {key}";
        var services = Environment.Portal.Services;
        await services.GetRequiredService<UserDirectoryService>()
            .RecordSignInAsync("idp-mona", "Mona Manager", "mona@example.test", new HashSet<string> { PortalRoles.Manager });
        var teams = services.GetRequiredService<TeamService>();
        var created = await teams.CreateAsync(Admin, team, "End-to-end attention journey");
        await teams.SetMemberAsync(Admin, team, "idp-mona", isManager: true, created.Revision);
        await PipelineClient.RegisterModelAsync(Environment, key, $"Pricing {key}", team);
        await services.GetRequiredService<FlagService>().ScanNowAsync(Admin);

        await PortalPages.SignInAsync(page, Environment, "mona", $"/attention?model={key}");
        await PortalPages.WaitForInteractiveAsync(page);
        var row = page.Locator("#attention-flags tbody tr").Filter(new LocatorFilterOptions { HasText = key });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("Orphaned");
        await Expect(row).ToContainTextAsync("Mona Manager");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, "attention.png"), FullPage = true });

        await row.Locator(".acknowledge-flag").ClickAsync();
        await Expect(row).ToContainTextAsync("acknowledged");
        await row.Locator(".snooze-flag").ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await dialog.Locator("#snooze-reason").FillAsync("The new owner starts next week.");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, "snooze-dialog.png") });
        await dialog.Locator("#confirm-snooze").ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(row).ToHaveCountAsync(0);

        await page.Locator("#show-snoozed").ClickAsync();
        await Expect(row).ToContainTextAsync("until");
        await row.Locator(".reassign-owner").ClickAsync();
        await Expect(page.Locator("#active-owners, #no-primary-owner").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, "model-ownership-from-flag.png"), FullPage = true });

        // The model's Overview lists its open flag, and the dashboard sums up what needs attention.
        await page.GotoAsync($"/models/{key}");
        await Expect(page.Locator("#model-flags-summary")).ToContainTextAsync("1 open flag");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, "model-overview-flags.png"), FullPage = true });
        await page.GotoAsync("/");
        await Expect(page.Locator("#attention-summary")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, "dashboard-attention.png"), FullPage = true });
    });
}
