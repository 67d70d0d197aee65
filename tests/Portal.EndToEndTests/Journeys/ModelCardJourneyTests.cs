using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Domain.Access;
using Portal.Domain.Ownership;
using Portal.Domain.Versions;
using Portal.EndToEndTests.Infrastructure;
using Portal.Web.Auth;
using Portal.Web.Features.Ownership;
using Portal.Web.Features.Releases;
using Portal.Web.Features.Versions;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Portal.EndToEndTests.Journeys;

/// <summary>
/// An engineer writes a Low-tier model's card on its Card tab; a Compliance reviewer marks it reviewed; the release request's
/// model-card gate turns from failing to passed, in a real browser.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class ModelCardJourneyTests(PortalEnvironment environment, ITestOutputHelper output) : BrowserTest(environment, output)
{
    private static readonly Actor Admin = new("e2e-admin", "E2E Admin", new HashSet<string> { PortalRoles.Admin });
    private static readonly string TwentyFiveWords = string.Join(" ", Enumerable.Range(1, 25).Select(i => $"word{i}"));

    [Fact]
    public Task An_engineer_edits_the_card_a_reviewer_marks_it_reviewed_and_the_release_gate_turns_green() => InBrowserAsync(async page =>
    {
        var key = PipelineClient.UniqueKey("e2e-card");
        var requestUrl = await ArrangeAsync(key);

        // Eric writes the two sections a Low-tier card needs, each saved as a new revision.
        await PortalPages.SignInAsync(page, Environment, "eric", $"/models/{key}?tab=card");
        await PortalPages.WaitForInteractiveAsync(page);
        var revision = 0;
        foreach (var section in new[] { "model-details", "intended-use" })
        {
            var block = page.Locator($".card-section[data-section={section}]");
            await PortalPages.ClickUntilVisibleAsync(block.Locator(".edit-section"), block.Locator(".section-markdown textarea"));
            await block.Locator(".section-markdown textarea").FillAsync(TwentyFiveWords);
            await Expect(block.Locator(".section-preview")).ToContainTextAsync("word25");
            await block.Locator(".section-summary input").FillAsync($"Wrote {section}");
            await block.Locator(".save-section").ClickAsync();
            revision++;
            await Expect(page.Locator("#card-revision")).ToContainTextAsync($"Revision {revision} of {revision}");
        }
        await Expect(page.Locator("#card-completeness")).ToContainTextAsync("100% complete");

        // Rita sees the gate fail, reviews the card on its tab, and the gate passes.
        await using var ritaContext = await Environment.NewContextAsync();
        var rita = await ritaContext.NewPageAsync();
        await PortalPages.SignInAsync(rita, Environment, "rita", requestUrl);
        await PortalPages.WaitForInteractiveAsync(rita);
        await Expect(rita.Locator(".gate-row[data-gate=model-card] .gate-reason")).ToContainTextAsync("not reviewed");
        await rita.GotoAsync($"{Environment.PortalUrl}/models/{key}?tab=card");
        await PortalPages.WaitForInteractiveAsync(rita);
        await rita.Locator("#review-note").FillAsync("Clear and complete for its tier.");
        await rita.Locator("#review-card").ClickAsync();
        await Expect(rita.Locator("#card-review-state")).ToContainTextAsync("Reviewed by Rita Compliance");
        await rita.GotoAsync(Environment.PortalUrl + requestUrl);
        await PortalPages.WaitForInteractiveAsync(rita);
        await Expect(rita.Locator(".gate-row[data-gate=model-card] .gate-verdict")).ToHaveTextAsync("Passed");
    });

    /// <summary>A Low-tier model owned by Eric with 2.0.0 registered and a pending release request for it; returns the request's path.</summary>
    private async Task<string> ArrangeAsync(string key)
    {
        var services = Environment.Portal.Services;
        var directory = services.GetRequiredService<UserDirectoryService>();
        await directory.RecordSignInAsync("idp-eric", "Eric Engineer", "eric@example.test", new HashSet<string> { PortalRoles.Engineer });
        await directory.RecordSignInAsync("idp-rita", "Rita Compliance", "rita@example.test", new HashSet<string> { PortalRoles.ComplianceReviewer });
        await PipelineClient.RegisterModelAsync(Environment, key, $"Card journey {key}", $"Team {key}");
        await services.GetRequiredService<OwnershipService>().AssignAsync(Admin, key, "idp-eric", OwnerRole.Primary, "Builds it");
        var data = new DataSetReference("s3://ml-data/e2e/holdout.parquet", "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9");
        await services.GetRequiredService<VersionService>().RegisterAsync(Admin, key, new VersionDetails("2.0.0", data, data,
            "https://git.example.com/e2e", "4e1243bd22c66e76c2ba9eddc1f91394e57f9f83", [], [new TypedValue("auc", TypedValue.Number, "0.83")], null, null));
        var request = await services.GetRequiredService<ReleaseService>().CreateAsync(Admin, key, "2.0.0", VersionStage.Production,
            "First release.", "All traffic at once.");
        return $"/releases/{request.Id}";
    }
}
