using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Access;
using Portal.Domain.Ownership;
using Portal.Web.Features.Flags;
using Portal.Web.Tests.Features.Ownership;

namespace Portal.Web.Tests.Features.Flags;

public sealed class AttentionPageTests : OwnershipTestContext
{
    private Task ScanAsync() => Services.GetRequiredService<FlagScanner>().ScanAsync("test", default);

    [Fact]
    public async Task Compliance_sees_every_flagged_model_with_counts_and_acknowledges_from_the_list()
    {
        await RegisterModelAsync("att-orphan", team: "Payments");
        await RegisterModelAsync("att-owned", team: "Payments");
        await AssignAsync("att-owned", await PersonAsync("ana", "Ana Analyst"), OwnerRole.Primary);
        await ScanAsync();
        SignInAs(PortalRoles.ComplianceReviewer);

        var page = RenderWithProviders<AttentionPage>();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("#attention-flags tbody tr")));
        var row = page.Find("#attention-flags tbody tr");
        Assert.Contains("att-orphan", row.TextContent, StringComparison.Ordinal);
        Assert.Empty(row.QuerySelectorAll(".reassign-owner"));
        Assert.Contains("Owners are reassigned by Test Manager (managers of Payments) or an Admin.", row.TextContent, StringComparison.Ordinal);
        Assert.Equal("1", page.Find("#attention-total").TextContent.Trim());
        Assert.Contains("Payments", page.Find("#counts-by-team").TextContent, StringComparison.Ordinal);
        Assert.Contains("Every flagged model", page.Find("#attention-scope").TextContent, StringComparison.Ordinal);

        page.Find("#attention-flags .acknowledge-flag").Click();

        page.WaitForAssertion(() => Assert.Contains("acknowledged", page.Find("#attention-flags tbody tr").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("#attention-flags .acknowledge-flag"));
    }

    [Fact]
    public async Task A_manager_of_the_team_is_offered_reassign_owner_and_lands_on_the_ownership_tab()
    {
        await RegisterModelAsync("att-managed", team: "Payments");
        await ScanAsync();
        SignInAs(PortalRoles.Manager);

        var page = RenderWithProviders<AttentionPage>();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("#attention-flags .reassign-owner")));
        Assert.EndsWith("models/att-managed?tab=ownership", page.Find("#attention-flags .reassign-owner").GetAttribute("href"), StringComparison.Ordinal);
        Assert.Empty(page.FindAll("#attention-flags .who-reassigns"));
    }

    [Fact]
    public async Task An_engineer_sees_only_the_models_they_own_and_cannot_act_on_ownership_flags()
    {
        await RegisterModelAsync("att-theirs", team: "Payments");
        await ScanAsync();

        var page = RenderWithProviders<AttentionPage>();

        page.WaitForAssertion(() => Assert.Contains("models you own", page.Find("#attention-scope").TextContent, StringComparison.Ordinal));
        Assert.Contains("Nothing needs attention", page.Find("#attention-flags").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("#scan-now"));
    }

    [Fact]
    public async Task A_snoozed_flag_leaves_the_list_until_snoozed_ones_are_shown()
    {
        await RegisterModelAsync("att-snooze", team: "Payments");
        await ScanAsync();
        var flag = (await Services.GetRequiredService<FlagService>().ModelFlagsAsync(Arranger, "att-snooze")).Single();
        await Services.GetRequiredService<FlagService>().SnoozeAsync(Arranger, flag.Id, "New owner starts next week", DateTime.UtcNow.AddDays(7));
        SignInAs(PortalRoles.Admin);

        var page = RenderWithProviders<AttentionPage>();

        page.WaitForAssertion(() => Assert.Contains("1 snoozed", page.Find("#counts-by-rule").TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain(page.FindAll("#attention-flags tbody tr"), r => r.TextContent.Contains("att-snooze", StringComparison.Ordinal));
        page.Find("input#show-snoozed, #show-snoozed input").Change(true);
        page.WaitForAssertion(() => Assert.Contains("until", page.Find("#attention-flags tbody tr").TextContent, StringComparison.Ordinal));
    }
}
