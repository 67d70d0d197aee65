using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Portal.Web.Infrastructure;

namespace Portal.Web.Tests.Infrastructure;

/// <summary><c>--reset-demo-data</c> deletes the SQLite demo database of a development portal, and nothing else.</summary>
public sealed class DemoDataResetTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("portal-reset-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void The_switch_is_taken_out_of_the_arguments_the_configuration_reads()
    {
        var (reset, others) = DemoDataReset.Parse(["--reset-demo-data", "--urls", "http://127.0.0.1:5000"]);

        Assert.True(reset);
        Assert.Equal(["--urls", "http://127.0.0.1:5000"], others);
        Assert.False(DemoDataReset.Parse(["--urls", "x"]).Reset);
    }

    [Fact]
    public void In_development_the_database_and_its_journal_files_are_deleted()
    {
        var database = Path.Combine(folder, "portal.db");
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.WriteAllText(database + suffix, "demo");
        }
        File.WriteAllText(Path.Combine(folder, "keep.txt"), "not the database");

        var deleted = DemoDataReset.DeleteDatabase(Configuration("Sqlite", $"Data Source={database}"), new Environment(Environments.Development));

        Assert.Equal(database, deleted);
        Assert.Equal(["keep.txt"], Directory.GetFiles(folder).Select(Path.GetFileName));
    }

    [Fact]
    public void Outside_development_it_is_refused_and_nothing_is_deleted()
    {
        var database = Path.Combine(folder, "portal.db");
        File.WriteAllText(database, "production data");

        Assert.Throws<InvalidOperationException>(() =>
            DemoDataReset.DeleteDatabase(Configuration("Sqlite", $"Data Source={database}"), new Environment(Environments.Production)));
        Assert.True(File.Exists(database));
    }

    [Fact]
    public void On_sql_server_it_is_refused()
    {
        var refused = Assert.Throws<InvalidOperationException>(() =>
            DemoDataReset.DeleteDatabase(Configuration("SqlServer", "Server=db;Database=portal"), new Environment(Environments.Development)));
        Assert.Contains("SqlServer", refused.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(string provider, string connectionString) => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { ["Database:Provider"] = provider, ["ConnectionStrings:Portal"] = connectionString })
        .Build();

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "Portal.Web";
        public string ContentRootPath { get; set; } = "";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
