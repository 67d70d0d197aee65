using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Portal.IntegrationTests.Infrastructure;
using Portal.Web.Infrastructure;

namespace Portal.IntegrationTests.Operations;

/// <summary>The container's one-shot modes: the image's health check and the migration job.</summary>
public sealed class OperationsCommandsTests
{
    [Theory]
    [InlineData(200, 0)]
    [InlineData(503, 1)]
    public async Task The_health_probe_exits_0_only_when_the_endpoint_answers_success(int status, int exitCode)
    {
        var (app, address) = await LoopbackApp.StartAsync(stub => stub.MapGet("/health", () => Results.StatusCode(status)));
        await using var running = app;

        Assert.Equal(exitCode, await OperationsCommands.ProbeAsync([OperationsCommands.HealthProbe, $"{address}/health"]));
    }

    [Fact]
    public async Task The_health_probe_exits_1_when_nothing_listens()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        Assert.Equal(1, await OperationsCommands.ProbeAsync([OperationsCommands.HealthProbe, $"http://127.0.0.1:{port}/health"]));
    }

    [Fact]
    [Trait("Category", TestEngine.SqliteOnly)]
    public async Task Migrate_only_applies_the_migrations_and_exits_without_serving()
    {
        var database = Path.Combine(Path.GetTempPath(), $"portal-migrate-only-{Guid.NewGuid():N}.db");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Portal.Web.dll"));
        start.ArgumentList.Add(OperationsCommands.MigrateOnly);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["Database__Provider"] = "Sqlite";
        start.Environment["ConnectionStrings__Portal"] = $"Data Source={database}";
        // Were it to serve, it would take this port; it must exit instead.
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));

            Assert.True(process.ExitCode == 0, await output + await errors);
            Assert.Contains("Migrations applied", await output);
            Assert.True(CountMigrations(database) > 0);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(database + suffix);
            }
        }
    }

    private static long CountMigrations(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM __EFMigrationsHistory";
        return (long)command.ExecuteScalar()!;
    }
}
