namespace Portal.TestIdentityProvider;

/// <summary>Runs the provider inside a test process on a real Kestrel socket, so browsers and HttpClients can reach it.</summary>
public sealed class TestIdentityProviderHost : IAsyncDisposable
{
    private readonly WebApplication app;

    private TestIdentityProviderHost(WebApplication app, IdentityConfiguration configuration)
    {
        this.app = app;
        Configuration = configuration;
        Issuer = IdentityProviderApp.GetIssuer(app);
    }

    /// <summary>The issuer and base address with a trailing slash, e.g. <c>http://127.0.0.1:5123/</c>.</summary>
    public string Issuer { get; }

    public IdentityConfiguration Configuration { get; }

    /// <summary>Starts a provider; <paramref name="url"/> may use port 0 (e.g. <c>http://127.0.0.1:0</c>) to get a free port.</summary>
    public static async Task<TestIdentityProviderHost> StartAsync(string url, IdentityConfiguration configuration, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            // Without this the test runner would be taken as the application.
            ApplicationName = typeof(TestIdentityProviderHost).Assembly.GetName().Name,
            // Development validates DI scopes and shows exception details, which helps when a test fails.
            EnvironmentName = Environments.Development,
        });

        // The test process's appsettings.json (the portal's, in an end-to-end test folder) and environment must
        // not configure this server; only TESTIDP_-prefixed variables do, e.g. TESTIDP_Logging__LogLevel__Default=Debug.
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddEnvironmentVariables("TESTIDP_");
        builder.WebHost.UseUrls(url);

        var app = await IdentityProviderApp.BuildAsync(builder, configuration, cancellationToken);
        try
        {
            await app.StartAsync(cancellationToken);
            return new TestIdentityProviderHost(app, configuration);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>An HttpClient whose base address is the issuer; the caller disposes it.</summary>
    public HttpClient CreateClient(HttpMessageHandler? handler = null) =>
        new(handler ?? new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(Issuer) };

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
