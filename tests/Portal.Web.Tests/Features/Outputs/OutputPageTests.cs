using System.Text;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Domain.Access;
using Portal.Domain.Outputs;
using Portal.Web.Auth;
using Portal.Web.Features.Outputs;
using Portal.Web.Features.Outputs.AccessRequests;
using Portal.Web.Features.Ownership;
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
        Services.AddSingleton<OutputDataReader>();
        Services.AddSingleton<MaskedCopyService>();
        Services.AddSingleton<OutputService>();
        Services.AddSingleton<GranteeChoiceService>();
        Services.AddSingleton<PeopleDirectory>();
        // The page as the interactive render sees it; the prerender is asked for by the tests about it.
        SetRendererInfo(Interactive);
    }

    private static readonly RendererInfo Interactive = new("Server", isInteractive: true);
    private static readonly RendererInfo Prerender = new("Static", isInteractive: false);

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

    private async Task<int> ReadsOfAsync(int outputId)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.OutputAccesses.CountAsync(a => a.OutputId == outputId);
    }

    private async Task RecordSignInAsync(string subject, string name) =>
        await new UserDirectoryService(Services.GetRequiredService<IDbContextFactory<PortalDbContext>>(), TimeProvider.System)
            .RecordSignInAsync(subject, name, null, new HashSet<string> { PortalRoles.Engineer });

    /// <summary>A MudSelect's options open from its combobox and are listed in the popover provider.</summary>
    private static void Choose(IRenderedComponent<IComponent> host, string selectId, string shown)
    {
        host.Find($"#{selectId}").ParentElement!.QuerySelector("[role=combobox]")!.MouseDown();
        host.WaitForAssertion(() => host.FindAll(".mud-popover-open .mud-list-item").First(item => item.TextContent.Trim() == shown).Click());
    }

    [Fact]
    public async Task One_view_of_the_page_prerendered_then_interactive_records_exactly_one_read()
    {
        var id = await ConfidentialOutputAsync("page-one-read");
        SignInAs(PortalRoles.ComplianceReviewer);

        SetRendererInfo(Prerender);
        var prerendered = RenderWithProviders<OutputPage>(("Id", id));
        Assert.Empty(prerendered.FindAll("#output-preview"));
        Assert.Equal(0, await ReadsOfAsync(id));
        await DisposeComponentsAsync();

        SetRendererInfo(Interactive);
        var page = RenderWithProviders<OutputPage>(("Id", id));
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("#output-preview tbody tr").Count));
        page.Render();

        await using var db = await Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var read = Assert.Single(await db.OutputAccesses.Where(a => a.OutputId == id).ToListAsync());
        Assert.Equal((OutputReadChannel.Preview, true), (read.Channel, read.Allowed));
    }

    [Fact]
    public async Task The_refusal_on_the_page_points_at_the_request_access_button_not_at_the_page_itself()
    {
        var id = await ConfidentialOutputAsync("page-refusal-words");
        SignInAs(PortalRoles.Engineer);

        var page = RenderWithProviders<OutputPage>(("Id", id));

        page.WaitForElement("#request-access");
        var sentence = page.Find("#output-refusal-sentence").TextContent;
        Assert.Contains("Confidential output: you need a grant", sentence, StringComparison.Ordinal);
        Assert.EndsWith("ask for it with the Request access button.", sentence, StringComparison.Ordinal);
        Assert.DoesNotContain($"/outputs/{id}", page.Find("#output-refusal").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Who_accessed_shows_no_chart_but_a_sentence_while_nobody_has_read_the_output()
    {
        var id = await ConfidentialOutputAsync("page-log-empty");
        SignInAs(PortalRoles.Auditor);

        var log = RenderWithProviders<OutputAccessLog>(("OutputId", id));

        log.WaitForElement("#access-per-day-empty");
        Assert.Empty(log.FindAll("#access-per-day"));
    }

    [Fact]
    public async Task Who_accessed_shows_the_per_day_chart_once_the_output_was_read()
    {
        var id = await ConfidentialOutputAsync("page-log-chart");
        SignInAs(PortalRoles.ComplianceReviewer);

        var page = RenderWithProviders<OutputPage>(("Id", id));

        page.WaitForElement("#access-per-day");
        Assert.Empty(page.FindAll("#access-per-day-empty"));
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
        await RecordSignInAsync("idp-ann", "Ann Analyst");
        SignInAs(PortalRoles.ComplianceReviewer);

        var page = RenderWithProviders<OutputPage>(("Id", id));
        page.WaitForElement("#grant-access").Click();
        page.WaitForElement("#grant-person").Input("Ann");
        page.WaitForAssertion(() => page.FindAll(".mud-popover-open .mud-list-item")
            .First(item => item.TextContent.Contains("Ann Analyst", StringComparison.Ordinal)).Click());
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

    [Fact]
    public async Task A_team_is_chosen_from_the_list_of_teams_and_granted()
    {
        var id = await ConfidentialOutputAsync("page-grant-team");
        await using (var db = await Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            // A team the reviewer is not in: nobody grants to a team of their own.
            db.Teams.Add(Portal.Domain.Teams.Team.Create("Fraud Analytics", null));
            db.Actor = Arranger;
            await db.SaveChangesAsync();
        }
        SignInAs(PortalRoles.ComplianceReviewer);

        var page = RenderWithProviders<OutputPage>(("Id", id));
        page.WaitForElement("#grant-access").Click();
        page.WaitForElement("#grant-kind-team").Click();
        page.WaitForElement("#grant-team");
        Choose(page, "grant-team", "Fraud Analytics");
        page.Find("#confirm-grant").Click();

        page.WaitForAssertion(() => Assert.Contains("Fraud Analytics (Team)", page.Find("#output-grants").TextContent, StringComparison.Ordinal));
        var grant = Assert.Single(await Services.GetRequiredService<OutputService>().GrantsAsync(CurrentActor, id, CancellationToken.None));
        Assert.Equal(GranteeKind.Team, grant.GranteeKind);
    }

    [Fact]
    public async Task Granting_nobody_is_refused_by_the_service_and_the_dialog_says_so_and_nothing_is_granted()
    {
        var id = await ConfidentialOutputAsync("page-grant-nobody");
        SignInAs(PortalRoles.ComplianceReviewer);

        var page = RenderWithProviders<OutputPage>(("Id", id));
        page.WaitForElement("#grant-access").Click();
        page.WaitForElement("#confirm-grant").Click();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("#grant-person").Closest(".mud-input-control")!.QuerySelector(".mud-input-error")));
        Assert.Empty(await Services.GetRequiredService<OutputService>().GrantsAsync(CurrentActor, id, CancellationToken.None));
    }
}
