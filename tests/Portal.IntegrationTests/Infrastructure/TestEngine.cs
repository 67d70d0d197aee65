using Microsoft.Data.SqlClient;
using Testcontainers.MsSql;

namespace Portal.IntegrationTests.Infrastructure;

/// <summary>
/// Which engine the integration suite runs on. <c>PORTAL_TEST_ENGINE=SqlServer</c> is the SQL Server leg: each portal gets a
/// database of its own on the server <c>PORTAL_TEST_SQLSERVER</c> names (a connection string), or, without it, on one SQL
/// Server container Testcontainers starts for the run. Anything else is SQLite. <c>PORTAL_TEST_RETRYING=0</c> runs without
/// a retrying execution strategy; the default retries, the stricter mode (a transaction begun outside the strategy fails).
/// </summary>
public static class TestEngine
{
    /// <summary>The trait of tests that read SQLite itself (raw SQL, pragmas, FTS5, the file); the SQL Server leg leaves them out.</summary>
    public const string SqliteOnly = "SqliteOnly";

    public static bool IsSqlServer { get; } =
        string.Equals(Environment.GetEnvironmentVariable("PORTAL_TEST_ENGINE"), "SqlServer", StringComparison.OrdinalIgnoreCase);

    public static bool Retrying { get; } = Environment.GetEnvironmentVariable("PORTAL_TEST_RETRYING") != "0";

    private static readonly Lazy<string> Server = new(() =>
        Environment.GetEnvironmentVariable("PORTAL_TEST_SQLSERVER") is { Length: > 0 } configured ? configured : StartContainer());

    /// <summary>A connection string to a new, not yet created database on the leg's server; the portal's migrations create it.</summary>
    public static string NewSqlServerDatabase() =>
        new SqlConnectionStringBuilder(Server.Value) { InitialCatalog = $"portal_test_{Guid.NewGuid():N}" }.ConnectionString;

    public static void DropSqlServerDatabase(string connectionString)
    {
        var database = new SqlConnectionStringBuilder(connectionString).InitialCatalog;
        SqlConnection.ClearAllPools();
        using var connection = new SqlConnection(new SqlConnectionStringBuilder(connectionString) { InitialCatalog = "master" }.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"IF DB_ID(N'{database}') IS NOT NULL BEGIN ALTER DATABASE [{database}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{database}]; END";
        command.ExecuteNonQuery();
    }

    /// <summary>One container for the whole run; Testcontainers' reaper removes it when the test process ends.</summary>
    private static string StartContainer()
    {
        var container = new MsSqlBuilder("mcr.microsoft.com/mssql/server:2022-latest").Build();
        container.StartAsync().GetAwaiter().GetResult();
        return container.GetConnectionString();
    }
}
