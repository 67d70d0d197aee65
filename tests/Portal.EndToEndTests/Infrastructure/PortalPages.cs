using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Portal.EndToEndTests.Infrastructure;

/// <summary>Steps through the portal's and the identity provider's pages that several tests share.</summary>
public static partial class PortalPages
{
    /// <summary>
    /// Waits until the page's Blazor circuit is up: MudBlazor's popover provider initialises its script only from
    /// an interactive render, so before that, clicks and typed values would be lost on the prerendered HTML.
    /// </summary>
    public static Task WaitForInteractiveAsync(IPage page) =>
        page.WaitForFunctionAsync("() => !!(window.mudpopoverHelper && window.mudpopoverHelper.mainContainerClass)");

    /// <summary>Clicks until <paramref name="expected"/> shows, in case a click still reached the page before its handler.</summary>
    public static async Task ClickUntilVisibleAsync(ILocator target, ILocator expected, float timeoutMs = 20_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (true)
        {
            await target.ClickAsync();
            try
            {
                await expected.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible, Timeout = 3_000 });
                return;
            }
            catch (TimeoutException) when (DateTime.UtcNow < deadline)
            {
                // The click was lost; try again.
            }
        }
    }

    /// <summary>Fills the identity provider's login form, which is plain HTML and needs no waiting for scripts.</summary>
    public static async Task LogInAtIdentityProviderAsync(IPage page, PortalEnvironment environment, string userName)
    {
        await page.WaitForURLAsync(url => url.StartsWith(environment.Issuer + "account/login", StringComparison.Ordinal));
        await page.Locator("#username").FillAsync(userName);
        await page.Locator("#password").FillAsync(userName);
        await page.Locator("#login").ClickAsync();
    }

    /// <summary>Signs in from the portal's login page through the identity provider and waits to be back on the portal.</summary>
    public static async Task SignInAsync(IPage page, PortalEnvironment environment, string userName, string path = "/")
    {
        await page.GotoAsync(path);
        await page.WaitForURLAsync(LoginPageUrl(environment));
        await page.Locator("#signin-oidc").ClickAsync();
        await LogInAtIdentityProviderAsync(page, environment, userName);
        await page.WaitForURLAsync(url => IsPortalPage(environment, url) && !url.Contains("/account/", StringComparison.Ordinal));
    }

    /// <summary>The portal's own login page, with any return address.</summary>
    public static Regex LoginPageUrl(PortalEnvironment environment) =>
        new($"^{Regex.Escape(environment.PortalUrl)}/account/login(\\?.*)?$");

    public static bool IsPortalPage(PortalEnvironment environment, string url) =>
        url.StartsWith(environment.PortalUrl + "/", StringComparison.Ordinal) && !url.Contains("/signin-oidc", StringComparison.Ordinal);

    /// <summary>Picks an option of a MudSelect: it is not a native select, its options open in a popover.</summary>
    public static async Task SelectAsync(IPage page, ILocator select, string option)
    {
        var item = page.Locator(".mud-popover-open .mud-list-item").Filter(new LocatorFilterOptions { HasTextRegex = ExactText(option) });
        await ClickUntilVisibleAsync(select, item);
        await item.ClickAsync();
        await Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }

    private static Regex ExactText(string text) => new($"^\\s*{Regex.Escape(text)}\\s*$");
}
