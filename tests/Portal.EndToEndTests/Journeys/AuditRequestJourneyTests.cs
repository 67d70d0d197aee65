using System.IO.Compression;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Domain.Access;
using Portal.Domain.EvidencePackages;
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
/// An Auditor opens an audit request about a model; its primary owner, an engineer, answers with a model version as evidence;
/// the Auditor sees the frozen evidence, accepts, the request closes, and the model's evidence package she downloads verifies offline, in a real browser.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class AuditRequestJourneyTests(PortalEnvironment environment, ITestOutputHelper output) : BrowserTest(environment, output)
{
    private static readonly Actor Admin = new("e2e-admin", "E2E Admin", new HashSet<string> { PortalRoles.Admin });

    [Fact]
    public Task An_auditor_asks_the_engineer_answers_with_evidence_and_the_auditor_accepts() => InBrowserAsync(async page =>
    {
        var key = PipelineClient.UniqueKey("e2e-aud");
        await ArrangeAsync(key);

        // Audrey opens a request from the audit requests page.
        await PortalPages.SignInAsync(page, Environment, "audrey", "/audits");
        await PortalPages.WaitForInteractiveAsync(page);
        var dialog = page.Locator(".mud-dialog");
        await PortalPages.ClickUntilVisibleAsync(page.Locator("#open-audit-request"), dialog);
        await dialog.Locator("#audit-title").FillAsync($"Lineage of {key}");
        await dialog.Locator("#audit-models").FillAsync(key);
        await dialog.Locator("#audit-questions").FillAsync("Which data trained the production version?");
        await dialog.Locator("#confirm-open-audit").ClickAsync();
        await PortalPages.ExpectUrlAsync(page, new System.Text.RegularExpressions.Regex("/audits/[0-9a-f-]{36}$"));
        var requestUrl = new Uri(page.Url).AbsolutePath;
        await Expect(page.Locator("#audit-item-1 .audit-item-status")).ToHaveTextAsync("Waiting for an answer");

        // Eric, the model's primary owner, answers with version 1.0.0 as evidence.
        await using var ericContext = await Environment.NewContextAsync();
        var eric = await ericContext.NewPageAsync();
        await PortalPages.SignInAsync(eric, Environment, "eric", requestUrl);
        await PortalPages.WaitForInteractiveAsync(eric);
        var answer = eric.Locator(".mud-dialog");
        await PortalPages.ClickUntilVisibleAsync(eric.Locator("#audit-item-1 .answer-item"), answer);
        await answer.Locator("#answer-text").FillAsync("Version 1.0.0 was trained on the data set whose hash the version records.");
        var kind = eric.Locator(".mud-popover-open .mud-list-item").Filter(new LocatorFilterOptions { HasText = "Model version" });
        await PortalPages.ClickUntilVisibleAsync(answer.Locator("#evidence-kind + [role=combobox], #evidence-kind[role=combobox]"), kind);
        await kind.ClickAsync();
        var choice = eric.Locator(".mud-popover-open .mud-list-item").Filter(new LocatorFilterOptions { HasText = "1.0.0 (Production)" });
        await PortalPages.ClickUntilVisibleAsync(answer.Locator("#evidence-choice + [role=combobox], #evidence-choice[role=combobox]"), choice);
        await choice.ClickAsync();
        await answer.Locator("#add-evidence").ClickAsync();
        await Expect(answer.Locator("#evidence-list")).ToContainTextAsync("Model version: 1.0.0");
        await answer.Locator("#confirm-answer").ClickAsync();
        await Expect(eric.Locator("#audit-item-1 .audit-item-status")).ToHaveTextAsync("Answered, to review");
        await Expect(eric.Locator("#audit-item-1 .audit-evidence")).ToContainTextAsync($"Version 1.0.0 of {key}");

        // Audrey sees the answer with its frozen evidence and accepts it; the request closes.
        await page.ReloadAsync();
        await PortalPages.WaitForInteractiveAsync(page);
        await Expect(page.Locator("#audit-item-1 .audit-evidence")).ToContainTextAsync("snapshot intact");
        await page.Locator("#audit-item-1 .accept-answer").ClickAsync();
        await Expect(page.Locator("#audit-item-1 .audit-item-status")).ToHaveTextAsync("Accepted");
        await Expect(page.Locator(".audit-request-status")).ToHaveTextAsync("Closed");

        // From the model's Audit tab she downloads the evidence package, and it verifies offline, answers included.
        await page.GotoAsync($"/models/{key}?tab=audit");
        await PortalPages.WaitForInteractiveAsync(page);
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#download-evidence-package").ClickAsync());
        var saved = Path.Combine(Path.GetTempPath(), $"{key}-evidence.zip");
        await download.SaveAsAsync(saved);
        await using var package = File.OpenRead(saved);
        var verification = await EvidencePackageVerifier.VerifyAsync(package, trustedPublicKeyPem: null, digest: null);
        Assert.True(verification.Intact, string.Join("; ", verification.Problems));
        package.Position = 0;
        using var zip = new ZipArchive(package, ZipArchiveMode.Read, leaveOpen: true);
        using var answers = new StreamReader(zip.GetEntry("audit-requests/audit-requests.json")!.Open());
        Assert.Contains($"Lineage of {key}", await answers.ReadToEndAsync(), StringComparison.Ordinal);
    });

    /// <summary>A model owned by Eric with version 1.0.0 in Production.</summary>
    private async Task ArrangeAsync(string key)
    {
        var services = Environment.Portal.Services;
        var directory = services.GetRequiredService<UserDirectoryService>();
        await directory.RecordSignInAsync("idp-eric", "Eric Engineer", "eric@example.test", new HashSet<string> { PortalRoles.Engineer });
        await directory.RecordSignInAsync("idp-audrey", "Audrey Auditor", "audrey@example.test", new HashSet<string> { PortalRoles.Auditor });
        await PipelineClient.RegisterModelAsync(Environment, key, $"Audit journey {key}", $"Team {key}");
        await services.GetRequiredService<OwnershipService>().AssignAsync(Admin, key, "idp-eric", OwnerRole.Primary, "Builds it");
        var evaluation = new DataSetReference("s3://ml-data/e2e/holdout.parquet", "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9");
        var versions = services.GetRequiredService<VersionService>();
        await versions.RegisterAsync(Admin, key, new VersionDetails("1.0.0", evaluation with { Uri = "s3://ml-data/e2e/train.parquet" }, evaluation,
            "https://git.example.com/e2e", "4e1243bd22c66e76c2ba9eddc1f91394e57f9f83", [], [new TypedValue("auc", TypedValue.Number, "0.80")], null, null));
        await versions.SetStageAsync(Admin, key, "1.0.0", VersionStage.Production, expectedRevision: 1);
    }
}
