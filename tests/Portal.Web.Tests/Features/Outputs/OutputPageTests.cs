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

    [Fact]
    public async Task A_compliance_reviewer_grants_a_person_masked_read_through_the_dialog_and_the_grant_is_listed()
    {
        var id = await ConfidentialOutputAsync("page-grant");
        await new Portal.Web.Auth.UserDirectoryService(Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Portal.Data.PortalDbContext>>(),
            TimeProvider.System).RecordSignInAsync("idp-ann", "Ann Analyst", null, new HashSet<string> { PortalRoles.Engineer });
        SignInAs(PortalRoles.ComplianceReviewer);

        var page = RenderWithProviders<OutputPage>(("Id", id));
        page.WaitForElement("#grant-access").Click();
        page.WaitForElement("#grant-grantee").Change("idp-ann");
        page.Find("#grant-purpose").Change("Churn complaint 12.");
        page.Find("#confirm-grant").Click();

        page.WaitForAssertion(() => Assert.Contains("Ann Analyst", page.Find("#output-grants").TextContent, StringComparison.Ordinal));
        var grant = Assert.Single(await Services.GetRequiredService<OutputService>().GrantsAsync(CurrentActor, id, CancellationToken.None));
        Assert.Equal(("idp-ann", GrantAccess.Read, "Churn complaint 12.", GrantState.Active), (grant.Grantee, grant.Access, grant.Purpose, grant.State));
        Assert.NotNull(grant.ExpiresAt);
    }

    [Fact]
    public async Task An_engineer_who_is_not_the_primary_owner_gets_no_grant_button()
    {
        var id = await ConfidentialOutputAsync("page-nogrant");
        SignInAs(PortalRoles.Engineer);

        var page = RenderWithProviders<OutputPage>(("Id", id));

        page.WaitForElement("#request-access");
        Assert.Empty(page.FindAll("#grant-access"));
        Assert.Empty(page.FindAll("#output-grants"));
        Assert.Empty(page.FindAll("#output-access-log"));
    }
}
