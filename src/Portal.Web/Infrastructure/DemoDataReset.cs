using Microsoft.Data.Sqlite;
using Portal.Data;

namespace Portal.Web.Infrastructure;

/// <summary>
/// <c>--reset-demo-data</c>: start over with fresh demo data by deleting the SQLite file (and its journal files) before the
/// database is migrated and seeded again. Refused outside Development and on SQL Server: it is for a laptop's demo only.
/// </summary>
public static class DemoDataReset
{
    public const string Switch = "--reset-demo-data";

    /// <summary>Whether the switch was given, and the arguments without it (the configuration must not read it as a key).</summary>
    public static (bool Reset, string[] Others) Parse(string[] args) =>
        (args.Contains(Switch, StringComparer.Ordinal), [.. args.Where(a => a != Switch)]);

    /// <summary>Deletes the demo database file; returns its full path for the log.</summary>
    public static string DeleteDatabase(IConfiguration configuration, IHostEnvironment environment)
    {
        if (!environment.IsDevelopment())
        {
            throw new InvalidOperationException($"{Switch} resets the demo data of a development portal; the environment is '{environment.EnvironmentName}'.");
        }
        var provider = DatabaseProvider.NameFrom(configuration);
        if (provider != DatabaseProvider.Sqlite)
        {
            throw new InvalidOperationException($"{Switch} deletes the SQLite demo database; Database:Provider is {provider}.");
        }
        var dataSource = new SqliteConnectionStringBuilder(DatabaseProvider.ConnectionStringFrom(configuration, provider)).DataSource;
        var path = Path.GetFullPath(dataSource);
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
        {
            File.Delete(path + suffix);
        }
        return path;
    }
}
