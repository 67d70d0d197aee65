using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Update;
using Microsoft.Extensions.Configuration;
using Portal.Data.Interceptors;

namespace Portal.Data;

/// <summary>Chooses and configures the database from <c>Database:Provider</c> and <c>ConnectionStrings:Portal</c>.</summary>
public static class DatabaseProvider
{
    public const string Sqlite = "Sqlite";
    public const string SqlServer = "SqlServer";
    public const string DefaultSqliteConnection = "Data Source=data/portal.db";

    public static string NameFrom(IConfiguration configuration)
    {
        var name = configuration["Database:Provider"];
        if (string.IsNullOrWhiteSpace(name) || name.Equals(Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            return Sqlite;
        }
        return name.Equals(SqlServer, StringComparison.OrdinalIgnoreCase)
            ? SqlServer
            : throw new InvalidOperationException($"Database:Provider '{name}' is not supported; use '{Sqlite}' or '{SqlServer}'.");
    }

    public static string ConnectionStringFrom(IConfiguration configuration, string provider)
    {
        var connectionString = configuration.GetConnectionString("Portal");
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return connectionString;
        }
        return provider == Sqlite
            ? DefaultSqliteConnection
            : throw new InvalidOperationException("Database:Provider is SqlServer but ConnectionStrings:Portal is not set.");
    }

    /// <summary>
    /// <c>Database:RetryOnFailure</c>: whether units of work run again after a transient failure. On by default for SQL Server
    /// (failovers, deadlock victims), off for SQLite, where a writer waits out the busy timeout first.
    /// </summary>
    public static bool RetryOnFailureFrom(IConfiguration configuration, string provider) =>
        configuration.GetValue<bool?>("Database:RetryOnFailure") ?? provider == SqlServer;

    public static void Configure(DbContextOptionsBuilder options, string provider, string connectionString) =>
        Configure(options, provider, connectionString, retryOnFailure: provider == SqlServer);

    public static void Configure(DbContextOptionsBuilder options, string provider, string connectionString, bool retryOnFailure)
    {
        if (provider == Sqlite)
        {
            options.UseSqlite(connectionString, sqlite =>
            {
                sqlite.MigrationsAssembly("Portal.Migrations.Sqlite");
                if (retryOnFailure)
                {
                    sqlite.ExecutionStrategy(dependencies => new SqliteRetryingExecutionStrategy(dependencies));
                }
            });
            options.AddInterceptors(new SqlitePragmaInterceptor());
            options.ReplaceService<IModificationCommandBatchFactory, SqliteCommandBatchFactory>();
        }
        else
        {
            options.UseSqlServer(connectionString, sql =>
            {
                sql.MigrationsAssembly("Portal.Migrations.SqlServer");
                if (retryOnFailure)
                {
                    sql.ExecutionStrategy(dependencies => new PortalSqlServerRetryingExecutionStrategy(dependencies));
                }
            });
        }
    }

    /// <summary>Creates the folder that holds the SQLite file, so a first start on a fresh clone just works.</summary>
    public static void EnsureSqliteFolder(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(folder) && dataSource != ":memory:")
        {
            System.IO.Directory.CreateDirectory(folder);
        }
    }
}
