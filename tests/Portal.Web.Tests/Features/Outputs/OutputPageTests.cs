using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Access;
using Portal.Domain.Outputs;
using Portal.Web.Features.Outputs;
using Portal.Web.Features.Shared.Storage;
using Portal.Web.Tests.Features.Versions;

namespace Portal.Web.Tests.Features.Outputs;

public sealed class OutputPageTests : VersionsTestContext
{
    private readonly string storePath = Path.Combine(Path.GetTempPath(), $"portal-web-outputs-{Guid.NewGuid():N}");

    public OutputPageTests()
    {
        Services.AddDataProtection().UseEphemeralDataProtectionProvider();
        Services.Configure<OutputsOptions>(o => o.HashKey = Convert.ToBase64String(new byte[32]));
        Services.AddKeyedSingleton<IContentStore>(OutputsFeature.StoreName, new LocalFolderContentStore(storePath));
        Services.AddSingleton<OutputHashKey>();
        Services.AddSingleton<OutputService>();
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        if (Directory.Exists(storePath))
        {
            Directory.Delete(storePath, recursive: true);
        }
    }

    private async Task<int> ConfidentialOutputAsync(string key)
    {
        await RegisterModelAsync(key);
        await RegisterVersionAsync(key, "1.0.0");
        var registration = new OutputRegistration("1.0.0", "scores", "Nightly scores", DateTime.UtcNow.AddHours(-1), OutputClassification.Confidential,
            [new("customer_email", OutputColumnType.String, [OutputTags.Pii]), new("score", OutputColumnType.Decimal, [])], 2, null, OutputFormat.Csv, null);
        await using var data = new MemoryStream(Encoding.UTF8.GetBytes("customer_email,score\nann@example.com,0.91\nbob@example.com,0.12\n"));
        var output = await Services.GetRequiredService<OutputService>().RegisterAsync(Arranger, key, registration, data, CancellationToken.None);
        return output.Id;
    }

    [Fact]
    public async Task A_refused_reader_sees_the_sentence_and_a_request_access_button_and_no_data()
    {
        var id = await ConfidentialOutputAsync("page-refused");
        SignInAs(PortalRoles.Engineer);

        var page = RenderWithProviders<OutputPage>(("Id", id));

        page.WaitForAssertion(() => Assert.Contains("Confidential", page.Find("#output-refusal").TextContent, StringComparison.Ordinal));
        Assert.Equal("Request access", page.Find("#request-access").TextContent.Trim());
        Assert.Empty(page.FindAll("#output-preview"));
        Assert.Empty(page.FindAll("#download-csv"));
        Assert.DoesNotContain("ann@example.com", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_allowed_reader_sees_the_preview_with_the_pii_column_masked_and_the_scores_in_clear()
    {
        var id = await ConfidentialOutputAsync("page-allowed");
        SignInAs(PortalRoles.ComplianceReviewer);

        var page = RenderWithProviders<OutputPage>(("Id", id));

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("#output-preview tbody tr").Count));
        var cells = page.FindAll("#output-preview tbody tr")[0].QuerySelectorAll("td").Select(c => c.TextContent).ToList();
        Assert.NotEqual("ann@example.com", cells[0]);
        Assert.False(string.IsNullOrEmpty(cells[0]));
        Assert.Equal("0.91", cells[1]);
        Assert.DoesNotContain("ann@example.com", page.Markup, StringComparison.Ordinal);
        Assert.Contains("customer_email", page.Find("#output-masking").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("#request-access"));
    }
}
