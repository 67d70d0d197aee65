using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Access;
using Portal.Web.Components.Layout;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Components;

/// <summary>The menu's entries are markup; the entry of the current page is marked, and the mark follows navigation.</summary>
public class NavMenuTests : PortalTestContext
{
    private static string[] Active(IRenderedComponent<NavMenu> cut) =>
        cut.FindAll("a.mud-nav-link.active[aria-current='page']").Select(link => link.TextContent.Trim()).ToArray();

    [Fact]
    public void The_entry_of_the_current_page_is_marked_and_the_mark_follows_navigation()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("models?status=production");
        var cut = Render<NavMenu>();

        Assert.Equal(new[] { "Models" }, Active(cut));

        navigation.NavigateTo("attention");

        cut.WaitForAssertion(() => Assert.Equal(new[] { "Attention" }, Active(cut)));
        Assert.Equal("attention", cut.Find("a.active").GetAttribute("href"));
    }

    [Fact]
    public void Entries_follow_the_permissions_of_the_person()
    {
        SignInAs(PortalRoles.Engineer);

        var cut = Render<NavMenu>();

        var entries = cut.FindAll("a.mud-nav-link").Select(link => link.TextContent.Trim()).ToList();
        Assert.Contains("Dashboard", entries);
        Assert.DoesNotContain("Users", entries);
        Assert.Equal("_blank", cut.FindAll("a.mud-nav-link").Single(link => link.TextContent.Trim() == "API reference").GetAttribute("target"));
    }

    [Theory]
    [InlineData("", "", true, true)]
    [InlineData("models", "", true, false)]
    [InlineData("models/credit-pd?tab=owners", "models", false, true)]
    [InlineData("models-archive", "models", false, false)]
    [InlineData("fairness/policy#thresholds", "fairness/policy", false, true)]
    public void An_entry_matches_its_page_and_the_pages_below_it(string address, string href, bool exact, bool active)
    {
        Assert.Equal(active, NavMenuMatch.IsActive(address, href, exact));
    }
}
