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

    /// <summary>
    /// Clicks until <paramref name="expected"/> shows, in case a click reached the page before its handler did. Once the
    /// expected element is in the page at all, it only waits: a second click could close a menu or open a second dialog.
    /// </summary>
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
                if (await expected.CountAsync() > 0)
                {
                    await Expect(expected.First).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions
                    {
                        Timeout = (float)Math.Max(1, (deadline - DateTime.UtcNow).TotalMilliseconds),
                    });
                    return;
                }
                // The click was lost; try again.
            }
        }
    }

    /// <summary>
    /// Waits until the browser is asked to sign in: on the portal's own login page or, because the portal challenges
    /// anonymous page requests with OpenID Connect directly, on the identity provider's login form.
    /// </summary>
    public static Task ExpectSignInRequiredAsync(IPage page, IPortalSite environment) =>
        ExpectUrlAsync(page, new Regex($"{PortalLoginPage(environment)}|{ProviderLoginPage(environment)}"));

    /// <summary>
    /// Waits until the page's address matches: a state, polled, so it holds whether the navigation happened before
    /// this call or after (a navigation event may already be over when a loaded machine gets here).
    /// </summary>
    public static Task ExpectUrlAsync(IPage page, Regex url) =>
        Expect(page).ToHaveURLAsync(url, new PageAssertionsToHaveURLOptions { Timeout = UrlTimeout });

    /// <summary>Longer than a step: a save, a redirect through the provider and a first render may all be in the way.</summary>
    private const float UrlTimeout = 90_000;

    /// <summary>The provider's login form, on the way to a code for this portal's client.</summary>
    public static Regex ProviderLoginUrl(IPortalSite environment) => new(ProviderLoginPage(environment));

    /// <summary>A portal page other than its login page and the OIDC callbacks on the way back.</summary>
    public static Regex PortalPageUrl(IPortalSite environment) =>
        new($"^{Regex.Escape(environment.PortalUrl)}/(?!account/login|signin-oidc|signout-callback-oidc)");

    public static Regex PortalLoginUrl(IPortalSite environment) => new(PortalLoginPage(environment));

    public static Regex ExactUrl(string url) => new($"^{Regex.Escape(url)}$");

    private static string PortalLoginPage(IPortalSite environment) => $"^{Regex.Escape(environment.PortalUrl + "/account/login")}";

    private static string ProviderLoginPage(IPortalSite environment) =>
        $"^{Regex.Escape(environment.Issuer + "account/login")}.*client_id(=|%3D){Regex.Escape(Uri.EscapeDataString(PortalServerFactory.ClientId))}";

    /// <summary>From wherever sign-in was asked for, through the provider's form, back to a portal page.</summary>
    public static async Task CompleteSignInAsync(IPage page, IPortalSite environment, string userName)
    {
        await ExpectSignInRequiredAsync(page, environment);
        if (IsPortalLoginPage(environment, page.Url))
        {
            await page.Locator("#signin-oidc").ClickAsync();
        }
        await ExpectUrlAsync(page, ProviderLoginUrl(environment));
        await page.Locator("#username").FillAsync(userName);
        await page.Locator("#password").FillAsync(userName);
        await page.Locator("#login").ClickAsync();
        await ExpectUrlAsync(page, PortalPageUrl(environment));
    }

    /// <summary>Opens <paramref name="path"/> as an anonymous visitor and signs in as <paramref name="userName"/>.</summary>
    public static async Task SignInAsync(IPage page, IPortalSite environment, string userName, string path = "/")
    {
        await page.GotoAsync(path);
        await CompleteSignInAsync(page, environment, userName);
    }

    public static bool IsPortalLoginPage(IPortalSite environment, string url) =>
        url.StartsWith(environment.PortalUrl + "/account/login", StringComparison.Ordinal);

    /// <summary>Opens the account menu in the app bar (the button shows the signed-in person's name).</summary>
    public static Task OpenAccountMenuAsync(IPage page) =>
        ClickUntilVisibleAsync(page.Locator("#current-user"), page.Locator("#sign-out"));

    /// <summary>Follows an entry of the navigation menu, as a person does instead of typing an address.</summary>
    public static Task OpenFromMenuAsync(IPage page, string entry) =>
        page.Locator(".mud-navmenu").GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = entry, Exact = true }).ClickAsync();

    /// <summary>
    /// Picks an option of a MudSelect. It is not a native select: the element with the select's id is a hidden input,
    /// the control beside it (role combobox) opens a popover with the options.
    /// </summary>
    public static async Task SelectAsync(IPage page, string selectId, string option)
    {
        var item = page.Locator(".mud-popover-open .mud-list-item").Filter(new LocatorFilterOptions { HasTextRegex = ExactText(option) });
        // A select with a value has its combobox beside the input; one without a value yet (the model's risk tier) is it.
        await ClickUntilVisibleAsync(page.Locator($"#{selectId} + [role=combobox], #{selectId}[role=combobox]"), item);
        await item.ClickAsync();
        await Expect(page.Locator($"#{selectId}")).ToHaveValueAsync(option);
        await Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }

    private static Regex ExactText(string text) => new($"^\\s*{Regex.Escape(text)}\\s*$");
}
