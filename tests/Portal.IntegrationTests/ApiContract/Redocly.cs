using System.Diagnostics;
using System.Text.Json;
using Portal.IntegrationTests.Infrastructure;

namespace Portal.IntegrationTests.ApiContract;

/// <summary>
/// The Redocly CLI pinned in <c>tools/openapi/package-lock.json</c>, installed with <c>npm ci</c> the first time a test needs
/// it (so <c>dotnet test Portal.sln</c> on a fresh machine with Node.js needs no extra step), then run on a document file.
/// </summary>
internal static class Redocly
{
    private static readonly string ToolsFolder = RepositoryFiles.PathOf("tools", "openapi");
    private static readonly string Cli = Path.Combine(ToolsFolder, "node_modules", "@redocly", "cli", "bin", "cli.js");
    private static readonly SemaphoreSlim Installing = new(1, 1);

    /// <summary>Lints <paramref name="documentPath"/> with the repository's <c>redocly.yaml</c>; the problems, as JSON.</summary>
    public static async Task<LintResult> LintAsync(string documentPath)
    {
        await EnsureInstalledAsync();
        var config = RepositoryFiles.PathOf("redocly.yaml");
        var (exitCode, output, errors) = await RunAsync("node", [Cli, "lint", documentPath, "--config", config, "--format", "json"], ToolsFolder);
        var json = output[output.IndexOf('{', StringComparison.Ordinal)..];
        using var report = JsonDocument.Parse(json);
        var problems = report.RootElement.GetProperty("problems").EnumerateArray()
            .Select(p => $"{p.GetProperty("severity").GetString()} {p.GetProperty("ruleId").GetString()}: {p.GetProperty("message").GetString()} at " +
                string.Join(", ", p.GetProperty("location").EnumerateArray().Select(l => l.GetProperty("pointer").GetString())))
            .ToList();
        return new LintResult(exitCode, problems, errors);
    }

    private static async Task EnsureInstalledAsync()
    {
        await Installing.WaitAsync();
        try
        {
            if (!File.Exists(Cli))
            {
                var (exitCode, output, errors) = await RunAsync("npm", ["ci", "--no-audit", "--no-fund"], ToolsFolder);
                Assert.True(exitCode == 0, $"npm ci in tools/openapi failed ({exitCode}): {output}\n{errors}");
            }
        }
        finally
        {
            Installing.Release();
        }
    }

    private static async Task<(int ExitCode, string Output, string Errors)> RunAsync(string program, IEnumerable<string> arguments, string folder)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        // No usage reports and no update checks: the lint works offline once installed.
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await errors);
    }
}

internal sealed record LintResult(int ExitCode, IReadOnlyList<string> Problems, string Errors);
