using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Portal.EndToEndTests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Portal.EndToEndTests.Journeys;

/// <summary>People signing in to the portal at the identity provider in a real browser, and what their groups let them do.</summary>
[Collection(PortalCollection.Name)]
public sealed partial class SignInJourneyTests(PortalEnvironment environment, ITestOutputHelper output) : BrowserTest(environment, output)
{
    [Fact]
    public Task An_engineer_signs_in_through_the_identity_provider_and_registers_a_model() => InBrowserAsync(async page =>
    {
        var key = PipelineClient.UniqueKey("e2e-ui");
        var name = $"Churn predictor {key}";
        // Eric registers for a team he is in.
        await PipelineClient.JoinTeamAsync(Environment, "Customer Analytics", "idp-eric", "Eric Engineer", Portal.Domain.Access.PortalRoles.Engineer);

        // An anonymous visitor is asked to sign in, and does so at the identity provider.
        await page.GotoAsync("/");
        await PortalPages.ExpectSignInRequiredAsync(page, Environment);
        await PortalPages.CompleteSignInAsync(page, Environment, "eric");

        // Back on the portal's dashboard, signed in under the name the identity provider gave.
        await Expect(page).ToHaveURLAsync(Environment.PortalUrl + "/");
        await Expect(page.Locator("#current-user")).ToContainTextAsync("Eric Engineer");

        await page.GotoAsync("/models");
        await PortalPages.WaitForInteractiveAsync(page);
        var dialog = page.Locator(".mud-dialog");
        await PortalPages.ClickUntilVisibleAsync(page.Locator("#register-model"), dialog);

        await dialog.Locator("#model-key").FillAsync(key);
        await dialog.Locator("#model-name").FillAsync(name);
        await dialog.Locator("#model-description").FillAsync("Predicts which retail customers will leave next quarter.");
        var team = dialog.Locator("#model-team");
        await team.FillAsync("Customer Analytics");
        await team.PressAsync("Tab");
        await PortalPages.SelectAsync(page, "model-risk-tier", "High");
        await PortalPages.SelectAsync(page, "model-status", "Validation");
        await dialog.Locator("#model-tags").FillAsync("churn, retail");
        await dialog.Locator("#save-model").ClickAsync();

        // The portal opens the new model's page. Wait for the page itself (its heading), not for a navigation event: under
        // load the save, the navigation and the first render can take long, and the heading is the state that matters.
        await Expect(page.Locator("#model-title")).ToHaveTextAsync(name, new LocatorAssertionsToHaveTextOptions { Timeout = 90_000 });
        await PortalPages.ExpectUrlAsync(page, new Regex($"/models/{Regex.Escape(key)}$", RegexOptions.IgnoreCase));
        await Expect(page.Locator("#model-status-value")).ToHaveTextAsync("Validation");

        // The inventory finds it by its key.
        await page.GotoAsync("/models");
        await PortalPages.WaitForInteractiveAsync(page);
        await page.Locator("#inventory-search").FillAsync(key);
        await PortalPages.ExpectUrlAsync(page, new Regex($"search={Regex.Escape(key)}", RegexOptions.IgnoreCase));
        var rows = page.Locator("#inventory-table tbody.mud-table-body > tr");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync(key);
        await Expect(rows.First).ToContainTextAsync(name);
        await Expect(rows.First).ToContainTextAsync("Customer Analytics");
    });

    [Fact]
    public Task An_auditor_traces_a_model_from_home_verifies_the_chain_and_exports_its_trail() => InBrowserAsync(async page =>
    {
        var key = PipelineClient.UniqueKey("e2e-audit");
        var name = "Fraud score " + key;
        await PipelineClient.RegisterModelAsync(Environment, key, name, "Payments");

        // Audrey starts on her home page (chain verification and open requests) and finds the model in the inventory.
        await PortalPages.SignInAsync(page, Environment, "audrey");
        await Expect(page.Locator("#current-user")).ToContainTextAsync("Audrey Auditor");
        await Expect(page.Locator("#home-auditor")).ToContainTextAsync("audit chain", new LocatorAssertionsToContainTextOptions { IgnoreCase = true });
        await PortalPages.WaitForInteractiveAsync(page);
        await PortalPages.OpenFromMenuAsync(page, "Models");
        await PortalPages.WaitForInteractiveAsync(page);
        await page.Locator("#inventory-search").FillAsync(key);
        var found = page.Locator("#inventory-table tbody.mud-table-body > tr");
        await Expect(found).ToHaveCountAsync(1);
        await found.First.GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = key }).ClickAsync();

        // The model's Audit tab shows its trail and leads to the audit trail page, filtered to the model, to verify and export.
        await Expect(page.Locator("#model-title")).ToHaveTextAsync(name);
        await PortalPages.WaitForInteractiveAsync(page);
        await PortalPages.ClickUntilVisibleAsync(page.GetByRole(AriaRole.Tab, new PageGetByRoleOptions { Name = "Audit" }), page.Locator("#open-audit-trail"));
        await page.Locator("#open-audit-trail").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Audit trail");
        await PortalPages.WaitForInteractiveAsync(page);
        // Only the table's own rows: a row's recorded values are a table of their own.
        var rows = page.Locator("#audit-table tbody.mud-table-body > tr");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows).ToContainTextAsync("Model registered");
        await Expect(rows).ToContainTextAsync(key, new LocatorAssertionsToContainTextOptions { IgnoreCase = true });
        await Expect(rows).ToContainTextAsync(PipelineClient.ClientId);

        // Verifying says what it checked: the whole chain, however the page is filtered, and that covers the model's event.
        await PortalPages.ClickUntilVisibleAsync(page.Locator("#verify-chain"), page.Locator("#verify-result"));
        var verified = page.Locator("#verify-result");
        await Expect(verified).ToContainTextAsync(ChainIntactUpTo());
        await Expect(verified).ToContainTextAsync("Checked the whole chain");
        var eventNumber = int.Parse(await rows.Locator("td").First.InnerTextAsync(), CultureInfo.InvariantCulture);
        var verifiedUpTo = int.Parse(ChainIntactUpTo().Match(await verified.InnerTextAsync()).Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.InRange(eventNumber, 1, verifiedUpTo);

        // The export downloads a file that names its filter and says that a filtered export cannot be verified alone.
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#export-csv").ClickAsync());
        Assert.Matches(new Regex($"^audit-trail-model-{Regex.Escape(key)}-\\d{{8}}-\\d{{6}}\\.csv$", RegexOptions.IgnoreCase), download.SuggestedFilename);
        var csv = await File.ReadAllLinesAsync(await download.PathAsync());
        Assert.Contains("cannot be verified alone", csv[0], StringComparison.Ordinal);
        Assert.Contains(csv, line => line.Contains(key, StringComparison.OrdinalIgnoreCase) && line.Contains("Model.Registered", StringComparison.Ordinal));
    });

    [Fact]
    public Task A_person_without_a_portal_role_sees_no_access() => InBrowserAsync(async page =>
    {
        await PortalPages.SignInAsync(page, Environment, "nobody");
        await Expect(page.Locator("#no-access")).ToBeVisibleAsync();

        foreach (var path in new[] { "/models", "/audit-trail", "/admin/users" })
        {
            await page.GotoAsync(path);
            await Expect(page.Locator("#no-access")).ToBeVisibleAsync();
        }
    });

    [Fact]
    public Task Signing_out_returns_to_the_portal_signed_out() => InBrowserAsync(async page =>
    {
        await PortalPages.SignInAsync(page, Environment, "mona");
        await Expect(page.Locator("#current-user")).ToContainTextAsync("Mona Manager");
        await PortalPages.WaitForInteractiveAsync(page);

        await PortalPages.OpenAccountMenuAsync(page);
        await page.Locator("#sign-out").ClickAsync();

        // Signed out at the portal and, through its end-session endpoint, at the provider: back on the portal's
        // login page, told so, with no session cookie left.
        await PortalPages.ExpectUrlAsync(page, PortalPages.PortalLoginUrl(Environment));
        await Expect(page.Locator("#signed-out")).ToBeVisibleAsync();
        await Expect(page.Locator("#signin-oidc")).ToBeVisibleAsync();
        await Expect(page.Locator("#current-user")).ToHaveCountAsync(0);
        Assert.DoesNotContain(await page.Context.CookiesAsync([Environment.PortalUrl]), cookie => cookie.Name.StartsWith("portal.auth", StringComparison.Ordinal));

        // The portal asks for a sign-in again, and so does the provider: its session ended too, so it shows its form
        // instead of signing Mona straight back in.
        await page.GotoAsync(Environment.PortalUrl + "/models");
        await PortalPages.ExpectSignInRequiredAsync(page, Environment);
        if (PortalPages.IsPortalLoginPage(Environment, page.Url))
        {
            await page.Locator("#signin-oidc").ClickAsync();
        }
        await PortalPages.ExpectUrlAsync(page, PortalPages.ProviderLoginUrl(Environment));
        await Expect(page.Locator("#username")).ToBeVisibleAsync();
    });

    [GeneratedRegex(@"Chain intact up to event (\d+)\.")]
    private static partial Regex ChainIntactUpTo();
}
