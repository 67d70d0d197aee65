using System.Net;
using System.Net.Sockets;
using Microsoft.Playwright;
using Portal.TestIdentityProvider;

namespace Portal.EndToEndTests.Infrastructure;

/// <summary>All end-to-end tests share one identity provider, one portal and one browser; each test opens its own browser context.</summary>
[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<PortalEnvironment>
{
    public const string Name = "Portal end to end";
}

/// <summary>
/// Starts, once per run: the test identity provider on a free port, the portal on real Kestrel on another free
/// port (registered at the provider as an OIDC client), and one headless Chromium.
/// </summary>
public sealed class PortalEnvironment : IAsyncLifetime, IPortalSite
{
    /// <summary>Debian's Chromium; Playwright's own browser download is not used. Override with PORTAL_E2E_CHROMIUM.</summary>
    private static readonly string ChromiumPath = Environment.GetEnvironmentVariable("PORTAL_E2E_CHROMIUM") ?? "/usr/bin/chromium";

    private TestIdentityProviderHost? identityProvider;
    private PortalServerFactory? portal;
    private IPlaywright? playwright;
    private IBrowser? browser;

    public TestIdentityProviderHost IdentityProvider => identityProvider ?? throw NotStarted();

    public PortalServerFactory Portal => portal ?? throw NotStarted();

    public IBrowser Browser => browser ?? throw NotStarted();

    /// <summary>The portal's address without a trailing slash, e.g. <c>http://127.0.0.1:5123</c>.</summary>
    public string PortalUrl => Portal.Url;

    /// <summary>The provider's issuer with a trailing slash, e.g. <c>http://127.0.0.1:5124/</c>.</summary>
    public string Issuer => IdentityProvider.Issuer;

    public async Task InitializeAsync()
    {
        // The browser does not depend on the servers: start it while they start.
        var browserStarting = StartBrowserAsync();
        try
        {
            var port = FreePort();
            var portalUrl = $"http://127.0.0.1:{port}";
            var identities = IdentityConfiguration.LoadDefault().WithClient(new IdentityClient
            {
                ClientId = PortalServerFactory.ClientId,
                ClientSecret = PortalServerFactory.ClientSecret,
                AllowCodeFlow = true,
                RedirectUris = [$"{portalUrl}/signin-oidc"],
                PostLogoutRedirectUris = [$"{portalUrl}/signout-callback-oidc"],
            });
            identityProvider = await TestIdentityProviderHost.StartAsync("http://127.0.0.1:0", identities);

            portal = new PortalServerFactory(port, identityProvider.Issuer);
            // Builds the host (which migrates the database) and starts Kestrel; it blocks, so keep it off the test thread.
            await Task.Run(portal.StartServer);
        }
        finally
        {
            (playwright, browser) = await browserStarting;
        }
    }

    public async Task DisposeAsync()
    {
        await StopBrowserAsync(playwright, browser);
        if (portal is not null)
        {
            await portal.DisposeAsync();
        }
        if (identityProvider is not null)
        {
            await identityProvider.DisposeAsync();
        }
    }

    /// <summary>A fresh context (cookies, storage) whose relative addresses resolve against the portal.</summary>
    public Task<IBrowserContext> NewContextAsync() => Browser.NewContextAsync(new BrowserNewContextOptions
    {
        BaseURL = PortalUrl,
        ViewportSize = new ViewportSize { Width = 1400, Height = 1000 },
        Locale = "en-GB",
    });

    /// <summary>An HttpClient for the portal's API, with no cookies and no automatic redirects.</summary>
    public HttpClient CreatePortalClient() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(PortalUrl + "/") };

    internal static async Task<(IPlaywright, IBrowser)> StartBrowserAsync()
    {
        var driver = await Playwright.CreateAsync();
        try
        {
            var chromium = await driver.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            });
            return (driver, chromium);
        }
        catch
        {
            driver.Dispose();
            throw;
        }
    }

    internal static async Task StopBrowserAsync(IPlaywright? playwright, IBrowser? browser)
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }
        playwright?.Dispose();
    }

    /// <summary>A port free right now; the portal binds it moments later (its redirect URI must be known before it starts).</summary>
    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static InvalidOperationException NotStarted() => new("The end-to-end environment has not started.");
}
