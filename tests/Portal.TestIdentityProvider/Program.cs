namespace Portal.TestIdentityProvider;

/// <summary>
/// Standalone entry point: <c>dotnet run --project tests/Portal.TestIdentityProvider -- --urls http://127.0.0.1:5100</c>,
/// optionally <c>--identity path/to/identity.json</c>. A named class rather than top-level statements, so no
/// global <c>Program</c> type clashes with the portal's in test projects that reference both.
/// </summary>
internal static class Program
{
    public static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var configuration = IdentityConfiguration.Load(builder.Configuration["identity"] ?? IdentityConfiguration.DefaultPath);

        await using var app = await IdentityProviderApp.BuildAsync(builder, configuration);
        await app.StartAsync();
        // Written directly because logging is quiet (Warning) by default.
        Console.WriteLine($"Test identity provider ready. Issuer: {IdentityProviderApp.GetIssuer(app)}");
        await app.WaitForShutdownAsync();
    }
}
