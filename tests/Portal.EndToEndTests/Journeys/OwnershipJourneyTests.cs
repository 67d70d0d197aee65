using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Domain.Access;
using Portal.Domain.Ownership;
using Portal.EndToEndTests.Infrastructure;
using Portal.Web.Auth;
using Portal.Web.Features.Ownership;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Portal.EndToEndTests.Journeys;

/// <summary>A manager hands a leaver's model over to an engineer, who then acknowledges the ownership, in a real browser.</summary>
[Collection(PortalCollection.Name)]
public sealed class OwnershipJourneyTests(PortalEnvironment environment, ITestOutputHelper output) : BrowserTest(environment, output)
{
    /// <summary>Arranges what only an Admin may: teams, and the model's first owner.</summary>
    private static readonly Actor Admin = new("e2e-admin", "E2E Admin", new HashSet<string> { PortalRoles.Admin });

    [Fact]
    public Task A_manager_reassigns_a_model_and_the_new_owner_acknowledges_it() => InBrowserAsync(async page =>
    {
        var key = PipelineClient.UniqueKey("e2e-own");
        var team = $"Team {key}";
        var leaver = $"leaver-{key}";
        await ArrangeAsync(key, team, leaver);

        // Mona, a manager of the model's team, previews handing the leaver's models to Eric, then applies it.
        await PortalPages.SignInAsync(page, Environment, "mona", "/teams");
        await Expect(page.Locator("#current-user")).ToContainTextAsync("Mona Manager");
        await PortalPages.WaitForInteractiveAsync(page);
        var dialog = page.Locator(".mud-dialog");
        await PortalPages.ClickUntilVisibleAsync(page.Locator("#bulk-reassign"), dialog);
        await PickPersonAsync(page, "reassign-from", leaver, "Leaving Person");
        await PickPersonAsync(page, "reassign-to", "Eric", "Eric Engineer");
        await dialog.Locator("#reassign-reason").FillAsync("Leaving Person left the company.");
        await dialog.Locator("#reassign-preview").ClickAsync();
        var changes = dialog.Locator("#reassign-changes tbody tr");
        await Expect(changes).ToHaveCountAsync(1);
        await Expect(changes.First).ToContainTextAsync(key);
        await Expect(changes.First).ToContainTextAsync("Primary");
        await Expect(changes.First).ToContainTextAsync("Eric Engineer");
        await dialog.Locator("#reassign-apply").ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);

        // Eric signs in, sees the model he now owns, and acknowledges it on the model's page.
        await using var ericContext = await Environment.NewContextAsync();
        var eric = await ericContext.NewPageAsync();
        await PortalPages.SignInAsync(eric, Environment, "eric", $"/models/{key}");
        await PortalPages.WaitForInteractiveAsync(eric);
        var ownershipTab = eric.GetByRole(AriaRole.Tab, new PageGetByRoleOptions { Name = "Ownership" });
        await PortalPages.ClickUntilVisibleAsync(ownershipTab, eric.Locator("#active-owners"));
        var primary = eric.Locator("#active-owners tbody tr").First;
        await Expect(primary).ToContainTextAsync("Eric Engineer");
        await Expect(primary).ToContainTextAsync("Not acknowledged");
        await eric.Locator("#acknowledge-ownership").ClickAsync();
        await Expect(primary).ToContainTextAsync("Acknowledged");
        await Expect(eric.Locator("#acknowledge-ownership")).ToHaveCountAsync(0);

        var owners = await Environment.Portal.Services.GetRequiredService<OwnershipService>().OwnersAsync(Admin, key);
        var now = Assert.Single(owners.Active);
        Assert.Equal(("idp-eric", OwnerRole.Primary), (now.OwnerSubject, now.Role));
        Assert.NotNull(now.AcknowledgedAt);
        Assert.Equal("Mona Manager", now.AssignedBy);
        Assert.Contains(owners.History, o => o.OwnerSubject == leaver && o.EndReason == "Leaving Person left the company.");
    });

    /// <summary>
    /// The model comes from the pipeline's API; people enter the directory the way a sign-in records them; the team
    /// (Mona manages it) and the leaver's ownership are set up by an Admin through the portal's services.
    /// </summary>
    private async Task ArrangeAsync(string key, string team, string leaver)
    {
        var services = Environment.Portal.Services;
        var directory = services.GetRequiredService<UserDirectoryService>();
        await directory.RecordSignInAsync("idp-mona", "Mona Manager", "mona@example.test", new HashSet<string> { PortalRoles.Manager });
        await directory.RecordSignInAsync("idp-eric", "Eric Engineer", "eric@example.test", new HashSet<string> { PortalRoles.Engineer });
        await directory.RecordSignInAsync(leaver, "Leaving Person", null, new HashSet<string> { PortalRoles.Engineer });

        var teams = services.GetRequiredService<TeamService>();
        var created = await teams.CreateAsync(Admin, team, "End-to-end ownership journey");
        await teams.SetMemberAsync(Admin, team, "idp-mona", isManager: true, created.Revision);

        await PipelineClient.RegisterModelAsync(Environment, key, $"Churn {key}", team);
        await services.GetRequiredService<OwnershipService>().AssignAsync(Admin, key, leaver, OwnerRole.Primary, "Built it");
    }

    /// <summary>Types into a person picker (a MudAutocomplete) and chooses the person from its list.</summary>
    private static async Task PickPersonAsync(IPage page, string pickerId, string typed, string shown)
    {
        var input = page.Locator($"#{pickerId}");
        await input.FillAsync(typed);
        var option = page.Locator(".mud-popover-open .mud-list-item").Filter(new LocatorFilterOptions { HasText = shown });
        await option.First.ClickAsync();
        await Expect(input).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(System.Text.RegularExpressions.Regex.Escape(shown)));
    }
}
