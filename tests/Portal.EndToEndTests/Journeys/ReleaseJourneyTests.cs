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
