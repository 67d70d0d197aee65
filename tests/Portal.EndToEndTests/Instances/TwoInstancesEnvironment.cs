using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using Portal.Domain.Access;
using Portal.EndToEndTests.Infrastructure;
using Portal.TestIdentityProvider;
using Portal.Web.Auth;
using Portal.Web.Features.Admin;
using Portal.Web.Features.Notifications;
using Portal.Web.Features.Ownership;

namespace Portal.EndToEndTests.Instances;

/// <summary>
/// Two portal instances on loopback over one SQLite file, behind nginx with sticky sessions, signing people in at the test
/// identity provider, with one headless Chromium. Each instance is its own host (its own services, background workers,
/// caches and Kestrel socket) in the test process; they share only what instances share in production: the database
/// (data-protection keys, leases, claims) and the identity provider.
/// </summary>
public sealed class TwoInstancesEnvironment : IAsyncLifetime, IPortalSite
{
    public const string Team = "Instances Team";

    private static readonly Actor Admin = new("e2e-admin", "E2E Admin", new HashSet<string> { PortalRoles.Admin });

    private readonly string folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"portal-instances-{Guid.NewGuid():N}")).FullName;
    private TestIdentityProviderHost? identityProvider;
    private PortalServerFactory? instanceA;
    private PortalServerFactory? instanceB;
    private NginxProxy? proxy;
    private IPlaywright? playwright;
    private IBrowser? browser;

    public PortalServerFactory A => instanceA ?? throw NotStarted();

    public PortalServerFactory B => instanceB ?? throw NotStarted();

    public NginxProxy Proxy => proxy ?? throw NotStarted();

    public IBrowser Browser => browser ?? throw NotStarted();

    public LogRecorder LogsA { get; } = new();

    public LogRecorder LogsB { get; } = new();

    public RecordingSmtpSender Mail { get; } = new();

    /// <summary>Through the proxy: the address people use.</summary>
    public string PortalUrl => Proxy.Url;

    public string Issuer => identityProvider?.Issuer ?? throw NotStarted();

    /// <summary>An Admin service token's secret, issued once for the tests' API calls.</summary>
    public string ServiceToken { get; private set; } = "";

    public async Task InitializeAsync()
    {
        NginxProxy.EnsureInstalled();
        var browserStarting = PortalEnvironment.StartBrowserAsync();
        try
        {
            int[] ports = [PortalEnvironment.FreePort(), PortalEnvironment.FreePort(), PortalEnvironment.FreePort()];
            string[] addresses = [.. ports.Select(p => $"http://127.0.0.1:{p}")];
            var identities = IdentityConfiguration.LoadDefault().WithClient(new IdentityClient
            {
                ClientId = PortalServerFactory.ClientId,
                ClientSecret = PortalServerFactory.ClientSecret,
                AllowCodeFlow = true,
                RedirectUris = [.. addresses.Select(a => $"{a}/signin-oidc")],
                PostLogoutRedirectUris = [.. addresses.Select(a => $"{a}/signout-callback-oidc")],
            });
            identityProvider = await TestIdentityProviderHost.StartAsync("http://127.0.0.1:0", identities);

            var database = Path.Combine(folder, "portal.db");
            // One after the other: the first migrates the new database, the second finds it migrated.
            instanceA = Instance(ports[0], database, LogsA);
            await Task.Run(instanceA.StartServer);
            instanceB = Instance(ports[1], database, LogsB);
            await Task.Run(instanceB.StartServer);
            proxy = await NginxProxy.StartAsync(folder, ports[2], ports[..2]);
            ServiceToken = await ArrangeAsync();
        }
        finally
        {
            (playwright, browser) = await browserStarting;
        }
    }

    public async Task DisposeAsync()
    {
        await PortalEnvironment.StopBrowserAsync(playwright, browser);
        if (proxy is not null)
        {
            await proxy.DisposeAsync();
        }
        foreach (var instance in new[] { instanceA, instanceB })
        {
            if (instance is not null)
            {
                await instance.DisposeAsync();
            }
        }
        if (identityProvider is not null)
        {
            await identityProvider.DisposeAsync();
        }
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    /// <summary>A fresh browser context whose relative addresses resolve against <paramref name="baseUrl"/> (the proxy by default).</summary>
    public Task<IBrowserContext> NewContextAsync(string? baseUrl = null) => Browser.NewContextAsync(new BrowserNewContextOptions
    {
        BaseURL = baseUrl ?? PortalUrl,
        ViewportSize = new ViewportSize { Width = 1400, Height = 1000 },
        Locale = "en-GB",
    });

    /// <summary>An API client of one instance (or the proxy), sending the Admin service token, without cookies or redirects.</summary>
    public HttpClient ApiClient(string baseUrl)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(baseUrl + "/") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ServiceToken);
        return client;
    }

    private PortalServerFactory Instance(int port, string database, LogRecorder logs) => new(port, Issuer, database, builder =>
    {
        // E-mail on (the digest runs), through a transport both instances share and the tests read.
        builder.UseSetting("Notifications:Smtp:Host", "127.0.0.1");
        builder.UseSetting("Notifications:Smtp:From", "Model Governance Portal <portal@example.test>");
        // The scanner's decisions (scanned, skipped) are what the flag-scan test waits for.
        builder.UseSetting("Logging:LogLevel:Portal.Web.Features.Flags.FlagScanner", "Information");
        builder.ConfigureLogging(logging => logging.AddProvider(logs));
        builder.ConfigureTestServices(services => services.AddSingleton<ISmtpSender>(Mail));
    });

    /// <summary>The team the tests' models belong to, and an Admin service token for the API.</summary>
    private async Task<string> ArrangeAsync()
    {
        var services = A.Services;
        await services.GetRequiredService<TeamService>().CreateAsync(Admin, Team, "Arranged by the two-instance tests");
        var (_, secret) = await services.GetRequiredService<ServiceTokenService>().IssueAsync(Admin, "two-instance-tests", PortalRoles.Admin, 1);
        return secret;
    }

    private static InvalidOperationException NotStarted() => new("The two-instance environment has not started.");
}
