using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Domain.Access;
using Portal.Domain.Outputs;
using Portal.Domain.Versions;
using Portal.EndToEndTests.Infrastructure;
using Portal.Web.Features.Outputs;
using Portal.Web.Auth;
using Portal.Web.Features.Versions;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Portal.EndToEndTests.Journeys;

/// <summary>An engineer is refused a Confidential output, asks for access, a Compliance reviewer grants it masked, and the engineer downloads masked data.</summary>
[Collection(PortalCollection.Name)]
public sealed class OutputAccessJourneyTests(PortalEnvironment environment, ITestOutputHelper output) : BrowserTest(environment, output)
{
    private static readonly Actor Admin = new("e2e-admin", "E2E Admin", new HashSet<string> { PortalRoles.Admin });

    private const string Email = "ann@example.com";

    [Fact]
    public Task An_engineer_is_refused_requests_access_is_granted_masked_and_downloads_the_pii_column_masked() => InBrowserAsync(async page =>
    {
        var key = PipelineClient.UniqueKey("e2e-out");
        var outputId = await ArrangeAsync(key);
        var outputPath = $"/outputs/{outputId}";

        // Eric, an engineer outside the model's team, is refused and asks for access with a purpose.
        await PortalPages.SignInAsync(page, Environment, "eric", outputPath);
        await PortalPages.WaitForInteractiveAsync(page);
        await Expect(page.Locator("#output-refusal")).ToContainTextAsync("Confidential");
        await Expect(page.Locator("#download-csv")).ToHaveCountAsync(0);
        var dialog = page.Locator(".mud-dialog");
        await PortalPages.ClickUntilVisibleAsync(page.Locator("#request-access"), dialog);
        await dialog.Locator("#request-purpose").FillAsync("Investigate churn complaint 12.");
        await dialog.Locator("#request-days").FillAsync("7");
        await dialog.Locator("#confirm-request").ClickAsync();
        await Expect(page.Locator("#request-pending")).ToContainTextAsync("waiting for a decision");

        // Rita, a Compliance reviewer, grants it, masked, from her access requests.
        await using var ritaContext = await Environment.NewContextAsync();
        var rita = await ritaContext.NewPageAsync();
        await PortalPages.SignInAsync(rita, Environment, "rita", "/access-requests");
        await PortalPages.WaitForInteractiveAsync(rita);
        var request = rita.Locator("#to-decide tbody tr").Filter(new LocatorFilterOptions { HasText = key });
        await Expect(request).ToHaveCountAsync(1);
        var decision = rita.Locator(".mud-dialog");
        await PortalPages.ClickUntilVisibleAsync(request.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Grant" }), decision);
        await decision.Locator("#confirm-decision").ClickAsync();
        await Expect(decision).ToHaveCountAsync(0);
        await Expect(request).ToContainTextAsync("Granted");

        // Eric reloads the output, sees the pii column named as masked, and downloads the CSV.
        await page.GotoAsync(Environment.PortalUrl + outputPath);
        await PortalPages.WaitForInteractiveAsync(page);
        await Expect(page.Locator("#output-masking")).ToContainTextAsync("customer_email");
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#download-csv").ClickAsync());
        var saved = await download.PathAsync();
        var lines = await File.ReadAllLinesAsync(saved);

        Assert.Equal("customer_email,score", lines[0]);
        Assert.Equal(3, lines.Length);
        var first = lines[1].Split(',');
        Assert.NotEqual(Email, first[0]);
        Assert.False(string.IsNullOrWhiteSpace(first[0]));
        Assert.Equal("0.91", first[1]);
        Assert.DoesNotContain("@example.com", string.Join('\n', lines), StringComparison.Ordinal);
    });

    /// <summary>A model of its own team (Eric is not in it) with a Confidential output whose customer_email column is tagged pii.</summary>
    private async Task<int> ArrangeAsync(string key)
    {
        var services = Environment.Portal.Services;
        var directory = services.GetRequiredService<UserDirectoryService>();
        await directory.RecordSignInAsync("idp-eric", "Eric Engineer", "eric@example.test", new HashSet<string> { PortalRoles.Engineer });
        await directory.RecordSignInAsync("idp-rita", "Rita Compliance", "rita@example.test", new HashSet<string> { PortalRoles.ComplianceReviewer });
        await PipelineClient.RegisterModelAsync(Environment, key, $"Output journey {key}", $"Team {key}");

        var data = new DataSetReference("s3://ml-data/e2e/train.parquet", "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9");
        await services.GetRequiredService<VersionService>().RegisterAsync(Admin, key, new VersionDetails("1.0.0", data, null,
            "https://git.example.com/e2e", "4e1243bd22c66e76c2ba9eddc1f91394e57f9f83", [], [], null, null));

        var registration = new OutputRegistration("1.0.0", "scores", "Nightly churn scores", DateTime.UtcNow.AddHours(-1), OutputClassification.Confidential,
            [new("customer_email", OutputColumnType.String, [OutputTags.Pii]), new("score", OutputColumnType.Decimal, [])], 2, null, OutputFormat.Csv, null);
        await using var csv = new MemoryStream(Encoding.UTF8.GetBytes($"customer_email,score\n{Email},0.91\nbob@example.com,0.12\n"));
        var registered = await services.GetRequiredService<OutputService>().RegisterAsync(Admin, key, registration, csv, CancellationToken.None);
        return registered.Id;
    }
}
