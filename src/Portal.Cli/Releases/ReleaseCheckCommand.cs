using System.CommandLine;

namespace Portal.Cli.Releases;

/// <summary>
/// <c>portal release check --model M --version V [--stage Production] [--url U] [--token T]</c>: asks the portal whether
/// the version is approved for the stage. Exit codes: 0 approved; 1 not approved (the reasons are printed); 2 usage,
/// connection or authentication error (with a message saying what to fix).
/// </summary>
public static class ReleaseCheckCommand
{
    public const int Approved = 0;
    public const int NotApproved = 1;
    public const int Failed = 2;

    public const string UrlVariable = "PORTAL_URL";
    public const string TokenVariable = "PORTAL_TOKEN";

    /// <summary>The <c>release</c> command with its <c>check</c> sub-command.</summary>
    /// <param name="handler">How HTTP requests are sent; tests pass the portal's in-memory handler.</param>
    /// <param name="environment">Reads environment variables; tests pass their own.</param>
    public static Command Create(TextWriter output, TextWriter error, HttpMessageHandler? handler = null, Func<string, string?>? environment = null)
    {
        var model = Text("--model", "The model's key.");
        var version = Text("--version", "The version's label.");
        var stage = Text("--stage", "Staging or Production (default Production).");
        var url = Text("--url", $"The portal's address, e.g. https://portal.example.com (or ${UrlVariable}).");
        var token = Text("--token", $"A service token with read access (or ${TokenVariable}).");
        var check = new Command("check", "Exit 0 when the version is approved for the stage, 1 with the reasons when not, 2 on a usage, connection or authentication error.")
        {
            model, version, stage, url, token,
        };
        // Stray words are reported by the action itself, so that every usage error exits 2, not System.CommandLine's 1.
        check.TreatUnmatchedTokensAsErrors = false;
        check.SetAction(async (parsed, cancellationToken) =>
        {
            var env = environment ?? Environment.GetEnvironmentVariable;
            var request = new ApprovalQuery(parsed.GetValue(model), parsed.GetValue(version), parsed.GetValue(stage) ?? "Production",
                parsed.GetValue(url) ?? env(UrlVariable), parsed.GetValue(token) ?? env(TokenVariable));
            if (parsed.UnmatchedTokens.Count > 0)
            {
                await error.WriteLineAsync($"Unexpected argument(s): {string.Join(" ", parsed.UnmatchedTokens)}.");
                return Failed;
            }
            return await new ApprovalCheckClient(output, error, handler).RunAsync(request, cancellationToken);
        });
        return new Command("release", "Release requests and approvals.") { check };
    }

    /// <summary>Every option takes zero or one value, so that a missing value is reported by the action (exit 2), not the parser.</summary>
    private static Option<string?> Text(string name, string description) => new(name) { Description = description, Arity = ArgumentArity.ZeroOrOne };
}

/// <summary>What <c>release check</c> asks.</summary>
public sealed record ApprovalQuery(string? Model, string? Version, string Stage, string? Url, string? Token);
