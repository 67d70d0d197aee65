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

    [Fact]
    public Task A_manager_reassigns_an_owner_from_what_her_home_shows() => InBrowserAsync(async page =>
    {
        var key = PipelineClient.UniqueKey("e2e-home");
        var team = $"Team {key}";
        var leaver = $"leaver-{key}";
        await ArrangeAsync(key, team, leaver);

        // Mona's home leads with her teams' models whose owners have not acknowledged them; she follows the one for this model.
        await PortalPages.SignInAsync(page, Environment, "mona");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Dashboard");
        await PortalPages.WaitForInteractiveAsync(page);
        var item = page.Locator("#home-manager .home-item").Filter(new LocatorFilterOptions { HasText = key });
        await Expect(item).ToContainTextAsync($"Leaving Person has not acknowledged {key}");
        await item.GetByRole(AriaRole.Link).ClickAsync();

        // It opens the model's Ownership tab, where a manager of the team finds the button to assign an owner.
        await Expect(page.Locator("#model-title")).ToHaveTextAsync($"Churn {key}");
        await PortalPages.WaitForInteractiveAsync(page);
        var dialog = page.Locator(".mud-dialog");
        await PortalPages.ClickUntilVisibleAsync(page.Locator("#assign-owner"), dialog);
        await PickPersonAsync(page, "owner-subject", "Eric", "Eric Engineer");
        await PortalPages.SelectAsync(page, "owner-role", "Primary");
        await dialog.Locator("#owner-reason").FillAsync("Leaving Person left the company.");
        await dialog.Locator("#save-owner").ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);

        // The new primary owner replaces the leaver, and the history keeps who was accountable before.
        var active = page.Locator("#active-owners tbody tr");
        await Expect(active).ToHaveCountAsync(1);
        await Expect(active.First).ToContainTextAsync("Eric Engineer");
        await Expect(active.First).ToContainTextAsync("Primary");
        await Expect(page.Locator("#owner-history")).ToContainTextAsync("Leaving Person");

        // Back home, the leaver's line is gone and Eric's acknowledgment is what the manager now waits for.
        await PortalPages.OpenFromMenuAsync(page, "Dashboard");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Dashboard");
        await Expect(item).ToHaveTextAsync(new System.Text.RegularExpressions.Regex($"Eric Engineer has not acknowledged {System.Text.RegularExpressions.Regex.Escape(key)}"));

        var owners = await Environment.Portal.Services.GetRequiredService<OwnershipService>().OwnersAsync(Admin, key);
        var now = Assert.Single(owners.Active);
        Assert.Equal(("idp-eric", OwnerRole.Primary, "Mona Manager"), (now.OwnerSubject, now.Role, now.AssignedBy));
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
