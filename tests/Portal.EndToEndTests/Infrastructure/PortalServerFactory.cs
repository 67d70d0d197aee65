using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace Portal.EndToEndTests.Infrastructure;

/// <summary>
/// The real portal on a real Kestrel socket (a browser cannot reach a TestServer), signing people in at the
/// test identity provider, over its own SQLite file that is migrated at start and deleted at the end. Without an
/// authority it is the portal as a first <c>dotnet run</c> gives it: the development sign-in and the demo data.
/// </summary>
public sealed class PortalServerFactory : WebApplicationFactory<Program>
{
    private readonly string? authority;
    private readonly Action<IWebHostBuilder>? configure;
    private readonly bool ownsDatabase;

    /// <param name="databasePath">A SQLite file shared with other instances; a fresh one of its own when null.</param>
    /// <param name="configure">Settings and services this instance adds after the common ones.</param>
    public PortalServerFactory(int port, string? authority, string? databasePath = null, Action<IWebHostBuilder>? configure = null)
    {
        this.authority = authority;
        this.configure = configure;
        Port = port;
        ownsDatabase = databasePath is null;
        DatabasePath = databasePath ?? Path.Combine(Path.GetTempPath(), $"portal-e2e-{Guid.NewGuid():N}.db");
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
    }

    public const string ClientId = "e2e-portal";

    public const string ClientSecret = "e2e-portal-secret";

    public int Port { get; }

    /// <summary>The address people type, without a trailing slash, e.g. <c>http://127.0.0.1:5123</c>.</summary>
    public string Url => $"http://127.0.0.1:{Port}";

    public string DatabasePath { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Outside Development the host does not serve the packages' files (MudBlazor's CSS and JS,
        // blazor.web.js) from the build output; without them no page becomes interactive.
        builder.UseStaticWebAssets();
        builder.UseSetting("ConnectionStrings:Portal", $"Data Source={DatabasePath}");
        builder.UseSetting("Portal:SeedDemoData", authority is null ? "true" : "false");
        builder.UseSetting("RateLimiting:PermitsPerMinute", "1000000");
        if (authority is not null)
        {
            builder.UseSetting("Auth:Oidc:Authority", authority);
            builder.UseSetting("Auth:Oidc:ClientId", ClientId);
            builder.UseSetting("Auth:Oidc:ClientSecret", ClientSecret);
        }
        builder.UseSetting("Auth:ApiAudience", "portal-api");
        // The same map as appsettings.json, so that the tests do not depend on that file's defaults.
        builder.UseSetting("Auth:GroupRoleMap:portal-admins", "Admin");
        builder.UseSetting("Auth:GroupRoleMap:portal-managers", "Manager");
        builder.UseSetting("Auth:GroupRoleMap:portal-compliance", "ComplianceReviewer");
        builder.UseSetting("Auth:GroupRoleMap:portal-engineers", "Engineer");
        builder.UseSetting("Auth:GroupRoleMap:portal-auditors", "Auditor");
        // Outside Development the portal logs JSON for every request; a test run needs only the problems.
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Warning");
        configure?.Invoke(builder);
    }

    /// <summary>Also reached from <see cref="WebApplicationFactory{TEntryPoint}.DisposeAsync"/>, after the host has stopped.</summary>
    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!ownsDatabase)
        {
            return; // the instances sharing it may still run; whoever made it deletes it
        }
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
        {
            File.Delete(DatabasePath + suffix);
        }
    }
}
