using System.CommandLine;
using Portal.Cli.Releases;

namespace Portal.Cli.Models;

/// <summary>
/// <c>portal model as-of [--model KEY] --at ISO-8601 [--url U] [--token T]</c>: one model, or the whole inventory, as the portal
/// recorded it at that moment, as JSON on standard output. Exit codes: 0 answered; 1 the model did not exist then (or has no
/// such key); 2 usage, refused question, connection or authentication error (with a message saying what to fix).
/// </summary>
public static class AsOfCommand
{
    public const int Answered = 0;
    public const int NotThere = 1;
    public const int Failed = 2;

    /// <param name="handler">How HTTP requests are sent; tests pass the portal's in-memory handler.</param>
    /// <param name="environment">Reads environment variables; tests pass their own.</param>
    public static Command Create(TextWriter output, TextWriter error, HttpMessageHandler? handler = null, Func<string, string?>? environment = null)
    {
        var model = Text("--model", "The model's key; without it, the whole inventory.");
        var at = Text("--at", "The moment, ISO 8601 (e.g. 2026-05-01T00:00:00Z); UTC unless it carries an offset.");
        var url = Text("--url", $"The portal's address, e.g. https://portal.example.com (or ${ReleaseCheckCommand.UrlVariable}).");
        var token = Text("--token", $"A service token with read access (or ${ReleaseCheckCommand.TokenVariable}).");
        var asOf = new Command("as-of", "Print a model (or with no --model the whole inventory) as of a past moment as JSON; exit 0, 1 when the model did not exist then, 2 on an error.")
        {
            model, at, url, token,
        };
        asOf.TreatUnmatchedTokensAsErrors = false;
        asOf.SetAction(async (parsed, cancellationToken) =>
        {
            var env = environment ?? Environment.GetEnvironmentVariable;
            if (parsed.UnmatchedTokens.Count > 0)
            {
                await error.WriteLineAsync($"Unexpected argument(s): {string.Join(" ", parsed.UnmatchedTokens)}.");
                return Failed;
            }
            var query = new AsOfQuery(parsed.GetValue(model), parsed.GetValue(at), parsed.GetValue(url) ?? env(ReleaseCheckCommand.UrlVariable),
                parsed.GetValue(token) ?? env(ReleaseCheckCommand.TokenVariable));
            return await new AsOfClient(output, error, handler).RunAsync(query, cancellationToken);
        });
        return new Command("model", "Models as the portal recorded them.") { asOf };
    }

    private static Option<string?> Text(string name, string description) => new(name) { Description = description, Arity = ArgumentArity.ZeroOrOne };
}

/// <summary>What <c>model as-of</c> asks.</summary>
public sealed record AsOfQuery(string? Model, string? At, string? Url, string? Token);
