using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Portal.Domain.Access;

namespace Portal.IntegrationTests.Infrastructure;

/// <summary>
/// The real portal over a real database migrated at start (a SQLite file, or its own SQL Server database on the SQL Server
/// leg, see <see cref="TestEngine"/>), with one static service token per role so that API calls authenticate the way a
/// pipeline's would.
/// </summary>
public class PortalFactory : WebApplicationFactory<Program>
{
    private readonly bool retryOnFailure;
    private readonly string? sqlServerDatabase = TestEngine.IsSqlServer ? TestEngine.NewSqlServerDatabase() : null;

    public PortalFactory()
        : this(TestEngine.Retrying)
    {
    }

    /// <param name="retryOnFailure">Whether the portal runs its units of work under a retrying execution strategy.</param>
    internal PortalFactory(bool retryOnFailure) => this.retryOnFailure = retryOnFailure;

    public string DatabasePath { get; } = Path.Combine(Path.GetTempPath(), $"portal-test-{Guid.NewGuid():N}.db");

    /// <summary>The folder under which the portal's content stores (documents, outputs) keep their files.</summary>
    public string StorageRoot { get; } = Path.Combine(Path.GetTempPath(), $"portal-test-{Guid.NewGuid():N}-storage");

    public string ConnectionString => sqlServerDatabase ?? $"Data Source={DatabasePath}";

    public static string TokenFor(string role) => $"test-token-{role.ToLowerInvariant()}";

    /// <summary>The teams every role's token acts on as a member; a model in any other team is outside their scope.</summary>
    public static readonly IReadOnlyList<string> TokenTeams =
    [
        "Credit Risk", "Fraud", "Tag Team", "Sort Team", "Search Team", "Views Team", "Tier Sort", "Stats Team", "Export Team",
        "Large Team", "Broad qz", "Elsewhere", "Nobody", "Payments",
    ];

    /// <summary>A team none of the tokens is scoped to (only the Admin token acts there).</summary>
    public const string OutsideTeam = "Outside Team";

    /// <summary>An Engineer token scoped to no team.</summary>
    public const string UnscopedEngineerToken = "test-token-unscoped-engineer";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", sqlServerDatabase is null ? "Sqlite" : "SqlServer");
        builder.UseSetting("ConnectionStrings:Portal", ConnectionString);
        builder.UseSetting("Database:RetryOnFailure", retryOnFailure ? "true" : "false");
        builder.UseSetting("Portal:SeedDemoData", "false");
        builder.UseSetting("Documents:Storage:Path", Path.Combine(StorageRoot, "documents"));
        builder.UseSetting("Outputs:Storage:Path", Path.Combine(StorageRoot, "outputs"));
        builder.UseSetting("Evidence:SigningKeyPath", Path.Combine(StorageRoot, "evidence-signing-key.pem"));
        // Tests scan on demand (POST /api/v1/flags/scan), so that no background scan changes flags under them.
        builder.UseSetting("Flags:BackgroundScans", "false");
        // Likewise webhook tests run delivery rounds themselves (WebhookPortal.DrainAsync).
        builder.UseSetting("Webhooks:WorkerEnabled", "false");
        // The suites call the API far faster than a pipeline; the rate limit has its own tests (RateLimitingAbuseCaseTests).
        builder.UseSetting("RateLimiting:PermitsPerMinute", "1000000");
        for (var i = 0; i < PortalRoles.All.Count; i++)
        {
            var role = PortalRoles.All[i];
            builder.UseSetting($"Portal:ServiceTokens:{i}:Name", $"test-{role.ToLowerInvariant()}");
            builder.UseSetting($"Portal:ServiceTokens:{i}:Role", role);
            builder.UseSetting($"Portal:ServiceTokens:{i}:Token", TokenFor(role));
            for (var t = 0; t < TokenTeams.Count; t++)
            {
                builder.UseSetting($"Portal:ServiceTokens:{i}:Teams:{t}", TokenTeams[t]);
            }
        }
        var unscoped = PortalRoles.All.Count;
        builder.UseSetting($"Portal:ServiceTokens:{unscoped}:Name", "test-unscoped-engineer");
        builder.UseSetting($"Portal:ServiceTokens:{unscoped}:Role", PortalRoles.Engineer);
        builder.UseSetting($"Portal:ServiceTokens:{unscoped}:Token", UnscopedEngineerToken);
    }

    public HttpClient ClientAs(string? role) => ClientWithToken(role is null ? null : TokenFor(role));

    public HttpClient ClientWithToken(string? token)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        }
        return client;
    }

    /// <summary>A raw connection to the database file, as someone with access to the server would have (SQLite only).</summary>
    public SqliteConnection OpenDatabase()
    {
        if (sqlServerDatabase is not null)
        {
            throw new InvalidOperationException($"This test reads SQLite itself: mark it [Trait(\"Category\", TestEngine.SqliteOnly)] so that the SQL Server leg leaves it out.");
        }
        var connection = new SqliteConnection(ConnectionString + ";Pooling=False");
        connection.Open();
        return connection;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (Directory.Exists(StorageRoot))
        {
            Directory.Delete(StorageRoot, recursive: true);
        }
        if (sqlServerDatabase is not null)
        {
            TestEngine.DropSqlServerDatabase(sqlServerDatabase);
            return;
        }
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(DatabasePath + suffix);
        }
    }
}
