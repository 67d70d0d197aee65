using System.Net;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Portal.Domain.Access;
using Portal.IntegrationTests.Infrastructure;
using Portal.Web.Auth;
using Portal.Web.Auth.Sessions;

namespace Portal.IntegrationTests.Auth;

/// <summary>Issue 13, item 6: no return address sends the browser off the portal, on the way to the provider or back.</summary>
public sealed partial class OpenRedirectAbuseCaseTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string Provider = "https://idp.example";

    public static TheoryData<string> Hostile =>
    [
        "/\t/evil.example", "/\r/evil.example", "/\n/evil.example", "//evil.example", "/\\evil.example", "\\\\evil.example",
        "https://evil.example/phish", "http:evil.example", " //evil.example", "~//evil.example", "%2F%2Fevil.example",
    ];

    [Fact]
    public async Task The_issues_address_signs_in_at_the_provider_and_returns_to_the_dashboard()
    {
        using var oidc = IdentityProviderPortal();
        var location = await RedirectAsync(oidc.CreateClient(NoRedirects), "/account/signin?returnUrl=%2F%09%2Fevil.example");

        Assert.Equal("/", StateOf(oidc, location).RedirectUri);
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task Signing_in_at_the_provider_carries_only_a_local_return_address(string returnUrl)
    {
        using var oidc = IdentityProviderPortal();
        var location = await RedirectAsync(oidc.CreateClient(NoRedirects), "/account/signin?returnUrl=" + Uri.EscapeDataString(returnUrl));

        Assert.Equal("/", StateOf(oidc, location).RedirectUri);
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task Re_authenticating_at_the_provider_carries_only_a_local_return_address(string returnUrl)
    {
        using var oidc = IdentityProviderPortal();
        var client = oidc.CreateClient(NoRedirects);
        client.DefaultRequestHeaders.Add("Cookie", await SignedInCookieAsync(oidc, "reauth-person"));

        var location = await RedirectAsync(client, "/account/reauthenticate?returnUrl=" + Uri.EscapeDataString(returnUrl));

        var state = StateOf(oidc, location);
        Assert.Equal("/", state.RedirectUri);
        Assert.Equal("0", state.Items[OidcSetup.MaxAgeItem]);
    }

    [Fact]
    public async Task A_local_return_address_survives_the_trip()
    {
        using var oidc = IdentityProviderPortal();
        var location = await RedirectAsync(oidc.CreateClient(NoRedirects), "/account/signin?returnUrl=" + Uri.EscapeDataString("/releases/7?tab=sign"));

        Assert.Equal("/releases/7?tab=sign", StateOf(oidc, location).RedirectUri);
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task Whatever_the_state_carries_back_from_the_provider_the_browser_stays_on_the_portal(string returnUrl)
    {
        var options = new OpenIdConnectOptions();
        var scheme = new AuthenticationScheme(PortalAuthSchemes.Oidc, null, typeof(OpenIdConnectHandler));
        var back = new TicketReceivedContext(new DefaultHttpContext(), scheme, options,
            new AuthenticationTicket(new ClaimsPrincipal(), PortalAuthSchemes.Oidc)) { ReturnUri = returnUrl };
        var outward = new RedirectContext(new DefaultHttpContext(), scheme, options, new AuthenticationProperties { RedirectUri = returnUrl })
        {
            ProtocolMessage = new OpenIdConnectMessage(),
        };

        await OidcSetup.ReturnToPortalOnly(back);
        await OidcSetup.AskForFreshSignIn(outward);

        Assert.Equal("/", back.ReturnUri);
        Assert.Equal("/", outward.Properties.RedirectUri);
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task The_development_sign_in_returns_only_to_the_portal(string returnUrl)
    {
        var browser = DevelopmentBrowser.Open(portal);
        var page = await browser.Http.GetStringAsync("/account/login?returnUrl=" + Uri.EscapeDataString(returnUrl));
        Assert.Equal("/", HiddenReturnUrl().Match(page).Groups[1].Value);

        var signIn = await browser.SignInAsync("demo-mona", returnUrl);
        Assert.Equal("/", signIn.Headers.Location?.OriginalString);

        var reauthenticate = await browser.Http.GetAsync("/account/reauthenticate?returnUrl=" + Uri.EscapeDataString(returnUrl));
        Assert.Equal(HttpStatusCode.Redirect, reauthenticate.StatusCode);
        Assert.Equal("/account/login?reauthenticate=true&returnUrl=%2F", reauthenticate.Headers.Location?.OriginalString);
    }

    private static readonly WebApplicationFactoryClientOptions NoRedirects = new() { AllowAutoRedirect = false, HandleCookies = false };

    /// <summary>The portal configured for an identity provider whose metadata is given, so no request leaves the test.</summary>
    private WebApplicationFactory<Program> IdentityProviderPortal() => portal.WithWebHostBuilder(b => b
        .UseSetting("Auth:Oidc:Authority", Provider)
        .UseSetting("Auth:Oidc:ClientId", "portal")
        .UseSetting("Auth:Oidc:ClientSecret", "secret")
        .ConfigureServices(s => s.Configure<OpenIdConnectOptions>(PortalAuthSchemes.Oidc, o => o.Configuration = new OpenIdConnectConfiguration
        {
            Issuer = Provider,
            AuthorizationEndpoint = Provider + "/authorize",
            TokenEndpoint = Provider + "/token",
            EndSessionEndpoint = Provider + "/logout",
        })));

    private static async Task<Uri> RedirectAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.StartsWith(Provider + "/authorize", location.OriginalString, StringComparison.Ordinal);
        return location;
    }

    private static AuthenticationProperties StateOf(WebApplicationFactory<Program> host, Uri location)
    {
        var state = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(location.Query)["state"].ToString();
        var format = host.Services.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(PortalAuthSchemes.Oidc).StateDataFormat;
        return format.Unprotect(state) ?? throw new InvalidOperationException("The state does not unprotect.");
    }

    /// <summary>The cookie the portal issues after a provider sign-in, with an open session on the server.</summary>
    private static async Task<string> SignedInCookieAsync(WebApplicationFactory<Program> host, string subject)
    {
        var session = await host.Services.GetRequiredService<SessionStore>().StartAsync(subject, CancellationToken.None);
        var principal = PortalClaims.Create(PortalAuthSchemes.Oidc, subject, "Reauth Person", null, [PortalRoles.ComplianceReviewer],
            [new Claim(SessionStore.Claim, session)]);
        var cookie = host.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(PortalAuthSchemes.Cookie);
        return $"{cookie.Cookie.Name}={cookie.TicketDataFormat.Protect(new AuthenticationTicket(principal, PortalAuthSchemes.Cookie))}";
    }

    [GeneratedRegex("name=\"returnUrl\" value=\"([^\"]*)\"")]
    private static partial Regex HiddenReturnUrl();
}
