using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Portal.TestIdentityProvider;

/// <summary>Holds only OpenIddict's entities (applications, authorizations, tokens); users live in the configuration.</summary>
internal sealed class IdentityProviderDbContext(DbContextOptions<IdentityProviderDbContext> options) : DbContext(options);

/// <summary>
/// A shared-cache in-memory SQLite database lives exactly as long as one connection to it is open, so this
/// singleton keeps one open for the host's lifetime. Each DbContext opens its own connection to the same
/// named database, which keeps concurrent requests from sharing a (non thread-safe) connection object.
/// The unique name gives every host, even several in one test process, a private database.
/// </summary>
internal sealed class InMemoryDatabase : IDisposable
{
    private readonly SqliteConnection keepAlive;

    public InMemoryDatabase()
    {
        ConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = $"test-identity-provider-{Guid.NewGuid():N}",
            Mode = SqliteOpenMode.Memory,
            Cache = SqliteCacheMode.Shared,
        }.ToString();
        keepAlive = new SqliteConnection(ConnectionString);
        keepAlive.Open();
    }

    public string ConnectionString { get; }

    public void Dispose() => keepAlive.Dispose();
}
