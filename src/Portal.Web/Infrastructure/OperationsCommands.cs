using Portal.Data;

namespace Portal.Web.Infrastructure;

/// <summary>
/// Two one-shot modes for containers. <c>--health-probe [url]</c> asks the liveness endpoint and exits 0 or 1: the runtime image
/// has no shell or curl for a HEALTHCHECK. <c>--migrate-only</c> applies the migrations and exits: the migration job that runs
/// (with a login allowed to change the schema) before replicas that start with <c>Database:MigrateOnStartup=false</c>.
/// </summary>
public static class OperationsCommands
{
    public const string HealthProbe = "--health-probe";
    public const string MigrateOnly = "--migrate-only";
    public const string DefaultProbeUrl = "http://127.0.0.1:8080/health";

    public static bool IsHealthProbe(string[] args) => args.Length > 0 && args[0] == HealthProbe;

    public static async Task<int> ProbeAsync(string[] args)
    {
        var url = new Uri(args.Length > 1 ? args[1] : DefaultProbeUrl);
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await client.GetAsync(url);
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception unreachable) when (unreachable is HttpRequestException or TaskCanceledException)
        {
            await Console.Error.WriteLineAsync($"{url}: {unreachable.Message}");
            return 1;
        }
    }

    /// <summary>Whether <c>--migrate-only</c> was given, and the arguments without it (the configuration must not read it as a key).</summary>
    public static (bool MigrateOnly, string[] Others) ParseMigrateOnly(string[] args) =>
        (args.Contains(MigrateOnly, StringComparer.Ordinal), [.. args.Where(a => a != MigrateOnly)]);

    public static async Task<int> MigrateAsync(WebApplication app)
    {
        await PortalDatabase.MigrateAsync(app.Services);
        app.Logger.LogInformation("Migrations applied (--migrate-only); exiting.");
        return 0;
    }
}
