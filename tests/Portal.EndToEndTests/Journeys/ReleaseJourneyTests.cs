using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Domain.Access;
using Portal.Domain.Ownership;
using Portal.Domain.Versions;
using Portal.EndToEndTests.Infrastructure;
using Portal.Web.Auth;
using Portal.Web.Features.Ownership;
using Portal.Web.Features.Versions;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Portal.EndToEndTests.Journeys;

/// <summary>
/// An engineer requests the release of a Low-tier model's version to Production; a ComplianceReviewer re-authenticates
/// at the identity provider and signs; the version becomes the production version, in a real browser.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class ReleaseJourneyTests(PortalEnvironment environment, ITestOutputHelper output) : BrowserTest(environment, output)
{
    private static readonly Actor Admin = new("e2e-admin", "E2E Admin", new HashSet<string> { PortalRoles.Admin });

    [Fact]
    public Task An_engineer_requests_a_reviewer_reauthenticates_and_signs_and_the_version_goes_to_production() => InBrowserAsync(async page =>
    {
        var key = PipelineClient.UniqueKey("e2e-rel");
        await ArrangeAsync(key);

        // Eric, owner of the model, requests the release of 2.0.0 to Production from the model's Releases tab.
        await PortalPages.SignInAsync(page, Environment, "eric", $"/models/{key}");
        await PortalPages.WaitForInteractiveAsync(page);
        var releasesTab = page.GetByRole(AriaRole.Tab, new PageGetByRoleOptions { Name = "Releases" });
        await PortalPages.ClickUntilVisibleAsync(releasesTab, page.Locator("#request-release"));
        var dialog = page.Locator(".mud-dialog");
        await PortalPages.ClickUntilVisibleAsync(page.Locator("#request-release"), dialog);
        await Expect(dialog.Locator("#release-version")).ToHaveValueAsync("2.0.0");
        await dialog.Locator("#release-summary").FillAsync("AUC 0.80 → 0.83 on the same holdout.");
        await dialog.Locator("#release-rollout").FillAsync("Shadow for a day, then all traffic; roll back by re-releasing 1.0.0.");
        await dialog.Locator("#save-release").ClickAsync();
        await PortalPages.ExpectUrlAsync(page, new System.Text.RegularExpressions.Regex("/releases/\\d+$"));
        var requestUrl = new Uri(page.Url).AbsolutePath;
        await Expect(page.Locator("#release-status")).ToContainTextAsync("Pending");
        await Expect(page.Locator("#comparable")).ToBeVisibleAsync();
        await Expect(page.Locator("#signing-blocked")).ToContainTextAsync("Signing a release request needs");

        // Rita signs in, re-authenticates at the provider (prompt=login asks for her password again) and approves.
        await using var ritaContext = await Environment.NewContextAsync();
        var rita = await ritaContext.NewPageAsync();
        await PortalPages.SignInAsync(rita, Environment, "rita", requestUrl);
        await PortalPages.WaitForInteractiveAsync(rita);
        await Expect(rita.Locator(".gate-row[data-gate=primary-owner] .gate-verdict")).ToHaveTextAsync("Passed");
        await rita.Locator("#reauthenticate").ClickAsync();
        await PortalPages.ExpectUrlAsync(rita, PortalPages.ProviderLoginUrl(Environment));
        await rita.Locator("#username").FillAsync("rita");
        await rita.Locator("#password").FillAsync("rita");
        await rita.Locator("#login").ClickAsync();
        await PortalPages.ExpectUrlAsync(rita, PortalPages.ExactUrl(Environment.PortalUrl + requestUrl));
        await PortalPages.WaitForInteractiveAsync(rita);
        await Expect(rita.Locator("#signing-window")).ToContainTextAsync("You authenticated at");
        await rita.Locator("#signature-reason").FillAsync("Metrics improve on the same evaluation data; rollback plan is sound.");
        await rita.Locator("#sign-release").ClickAsync();

        await Expect(rita.Locator("#release-status")).ToContainTextAsync("Approved");
        var signature = rita.Locator(".signature");
        await Expect(signature).ToHaveCountAsync(1);
        await Expect(signature.Locator(".signer-name")).ToHaveTextAsync("Rita Compliance");
        await Expect(signature.Locator(".signature-meaning")).ToContainTextAsync("Approved");
        await Expect(signature.Locator(".signature-verified")).ToBeVisibleAsync();

        var versions = Environment.Portal.Services.GetRequiredService<VersionService>();
        Assert.Equal("2.0.0", (await versions.CurrentProductionAsync(Admin, key))?.Label);
        Assert.Equal(VersionStage.Archived, (await versions.GetAsync(Admin, key, "1.0.0")).Stage);
    });

    [Fact]
    public Task From_home_an_engineer_registers_a_model_and_version_and_requests_a_release_and_a_reviewer_signs_from_hers() => InBrowserAsync(async page =>
    {
        var key = PipelineClient.UniqueKey("e2e-path");
        var name = $"Churn predictor {key}";
        var team = $"Team {key}";
        await PipelineClient.JoinTeamAsync(Environment, team, "idp-eric", "Eric Engineer", PortalRoles.Engineer);
        await Environment.Portal.Services.GetRequiredService<UserDirectoryService>()
            .RecordSignInAsync("idp-rita", "Rita Compliance", "rita@example.test", new HashSet<string> { PortalRoles.ComplianceReviewer });

        // Eric starts on his home page and goes to the inventory to register a Low-tier model.
        await PortalPages.SignInAsync(page, Environment, "eric");
        await Expect(page.Locator("#home-engineer")).ToBeVisibleAsync();
        await PortalPages.WaitForInteractiveAsync(page);
        await PortalPages.OpenFromMenuAsync(page, "Models");
        await PortalPages.WaitForInteractiveAsync(page);
        var dialog = page.Locator(".mud-dialog");
        await PortalPages.ClickUntilVisibleAsync(page.Locator("#register-model"), dialog);
        await dialog.Locator("#model-key").FillAsync(key);
        await dialog.Locator("#model-name").FillAsync(name);
        var teamField = dialog.Locator("#model-team");
        await teamField.FillAsync(team);
        await teamField.PressAsync("Tab");
        await PortalPages.SelectAsync(page, "model-risk-tier", "Low");
        await dialog.Locator("#save-model").ClickAsync();

        // The model page's next steps say what is left; each opens the tab where it is done.
        await Expect(page.Locator("#model-title")).ToHaveTextAsync(name);
        await PortalPages.WaitForInteractiveAsync(page);
        await Expect(page.Locator(".next-step[data-step=owner]")).ToContainTextAsync("A manager of team");
        await PortalPages.ClickUntilVisibleAsync(page.Locator(".next-step[data-step=version] .next-step-open"), page.Locator("#register-version"));
        await PortalPages.ClickUntilVisibleAsync(page.Locator("#register-version"), dialog);
        await dialog.Locator("#version-label").FillAsync("1.0.0");
        await dialog.Locator("#training-uri").FillAsync("s3://ml-data/e2e/train.parquet");
        await dialog.Locator("#training-sha256").FillAsync(Sha256);
        await dialog.Locator("#evaluation-uri").FillAsync("s3://ml-data/e2e/holdout.parquet");
        await dialog.Locator("#evaluation-sha256").FillAsync(Sha256);
        await dialog.Locator("#code-repository").FillAsync("https://git.example.com/e2e");
        await dialog.Locator("#code-commit").FillAsync("4e1243bd22c66e76c2ba9eddc1f91394e57f9f83");
        await dialog.Locator("#save-version").ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(page.Locator("#versions-table")).ToContainTextAsync("1.0.0");

        // Requesting the release, the dialog says before submitting which gates fail (no owner, no fairness evaluation).
        await PortalPages.ClickUntilVisibleAsync(page.GetByRole(AriaRole.Tab, new PageGetByRoleOptions { Name = "Releases" }), page.Locator("#request-release"));
        await PortalPages.ClickUntilVisibleAsync(page.Locator("#request-release"), dialog);
        await Expect(dialog.Locator("#release-version")).ToHaveValueAsync("1.0.0");
        await Expect(dialog.Locator("#failing-gates")).ToContainTextAsync("You may still request the release");
        await Expect(dialog.Locator("#failing-gates .failing-gate[data-gate=primary-owner]")).ToBeVisibleAsync();
        await dialog.Locator("#release-summary").FillAsync("First release of the churn predictor.");
        await dialog.Locator("#release-rollout").FillAsync("Shadow for a week, then all traffic.");
        await dialog.Locator("#save-release").ClickAsync();
        await Expect(page.Locator("#release-title")).ToContainTextAsync(key);
        await Expect(page.Locator("#release-status")).ToContainTextAsync("Pending");

        // Rita's home lists the request under what awaits her signature; she opens it from there.
        await using var ritaContext = await Environment.NewContextAsync();
        var rita = await ritaContext.NewPageAsync();
        await PortalPages.SignInAsync(rita, Environment, "rita");
        await PortalPages.WaitForInteractiveAsync(rita);
        var awaiting = rita.Locator("#home-reviewer .home-item").Filter(new LocatorFilterOptions { HasText = key });
        await Expect(awaiting).ToContainTextAsync("awaits your signature");
        await awaiting.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(rita.Locator("#release-title")).ToContainTextAsync(key);
        var requestUrl = rita.Url;

        // The sign panel names what is signed (before re-authenticating, or in the signing window when her sign-in is still
        // fresh), and re-authentication returns to it.
        await PortalPages.WaitForInteractiveAsync(rita);
        await Expect(rita.Locator("#reauthenticate-purpose, #signing-window")).ToContainTextAsync($"{key} 1.0.0");
        await rita.Locator("#reauthenticate").ClickAsync();
        await PortalPages.ExpectUrlAsync(rita, PortalPages.ProviderLoginUrl(Environment));
        await rita.Locator("#username").FillAsync("rita");
        await rita.Locator("#password").FillAsync("rita");
        await rita.Locator("#login").ClickAsync();
        await PortalPages.ExpectUrlAsync(rita, PortalPages.ExactUrl(requestUrl));
        await PortalPages.WaitForInteractiveAsync(rita);
        await Expect(rita.Locator("#signing-window")).ToContainTextAsync($"You are signing release");

        // Under the Low-risk policy failing gates are shown but do not block: she approves and is told exactly what she signed.
        await rita.Locator("#signature-reason").FillAsync("Low risk; the owner is to be assigned by the team's manager this week.");
        await rita.Locator("#sign-release").ClickAsync();
        var confirmation = rita.Locator("#signed-confirmation");
        await Expect(confirmation).ToContainTextAsync("You signed release #");
        await Expect(confirmation).ToContainTextAsync("as Approved");
        await Expect(confirmation).ToContainTextAsync("The request is now approved.");
        await Expect(rita.Locator("#release-status")).ToContainTextAsync("Approved");
    });

    private const string Sha256 = "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9";

    /// <summary>A Low-tier model owned by Eric (active, so the primary-owner gate passes) with 1.0.0 in Production and 2.0.0 registered.</summary>
    private async Task ArrangeAsync(string key)
    {
        var services = Environment.Portal.Services;
        var directory = services.GetRequiredService<UserDirectoryService>();
        await directory.RecordSignInAsync("idp-eric", "Eric Engineer", "eric@example.test", new HashSet<string> { PortalRoles.Engineer });
        await directory.RecordSignInAsync("idp-rita", "Rita Compliance", "rita@example.test", new HashSet<string> { PortalRoles.ComplianceReviewer });
        await PipelineClient.RegisterModelAsync(Environment, key, $"Release journey {key}", $"Team {key}");
        await services.GetRequiredService<OwnershipService>().AssignAsync(Admin, key, "idp-eric", OwnerRole.Primary, "Builds it");

        var versions = services.GetRequiredService<VersionService>();
        var evaluation = new DataSetReference("s3://ml-data/e2e/holdout.parquet", "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9");
        foreach (var (label, auc) in new[] { ("1.0.0", "0.80"), ("2.0.0", "0.83") })
        {
            await versions.RegisterAsync(Admin, key, new VersionDetails(label, evaluation with { Uri = "s3://ml-data/e2e/train.parquet" }, evaluation,
                "https://git.example.com/e2e", "4e1243bd22c66e76c2ba9eddc1f91394e57f9f83", [],
                [new TypedValue("auc", TypedValue.Number, auc)], null, null));
        }
        await versions.SetStageAsync(Admin, key, "1.0.0", VersionStage.Production, expectedRevision: 1);
    }
}
