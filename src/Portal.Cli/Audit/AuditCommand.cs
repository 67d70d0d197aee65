using System.CommandLine;

namespace Portal.Cli.Audit;

/// <summary>
/// <c>portal audit verify</c> and <c>portal audit digest</c>: for operators who check the portal's audit chain from outside
/// and keep its digests where the portal cannot write (for example a daily digest on write-once storage).
/// Exit codes: 0 intact (or the digest was fetched); 1 broken, saying where; 2 usage, connection or authentication error.
/// </summary>
public static class AuditCommand
{
    public const int Intact = 0;
    public const int Broken = 1;
    public const int Failed = 2;

    /// <param name="handler">How HTTP requests are sent; tests pass the portal's in-memory handler.</param>
    /// <param name="environment">Reads environment variables; tests pass their own.</param>
    public static Command Create(TextWriter output, TextWriter error, HttpMessageHandler? handler = null, Func<string, string?>? environment = null)
    {
        var audit = new Command("audit", "The portal's tamper-evident audit chain: verify it, export and compare digests.");
        audit.Subcommands.Add(Verify(output, error, handler, environment));
        audit.Subcommands.Add(Digest(output, error, handler, environment));
        return audit;
    }

    private static Command Verify(TextWriter output, TextWriter error, HttpMessageHandler? handler, Func<string, string?>? environment)
    {
        var (url, token) = Connection();
        var digest = Text("--digest", "Also check that this digest (mgp-audit-v1:N:hash), kept earlier, is still part of the chain.");
        var verify = new Command("verify", "Ask the portal to recompute every hash of its audit chain. Exit 0 intact, 1 broken (with where), 2 on a usage, connection or authentication error.")
        {
            url, token, digest,
        };
        verify.TreatUnmatchedTokensAsErrors = false;
        verify.SetAction(async (parsed, cancellationToken) =>
        {
            var client = new AuditClient(output, error, handler);
            var connection = ConnectionOf(parsed, url, token, environment);
            return await Unexpected(parsed, error) ?? await client.VerifyAsync(connection, parsed.GetValue(digest), cancellationToken);
        });
        return verify;
    }

    private static Command Digest(TextWriter output, TextWriter error, HttpMessageHandler? handler, Func<string, string?>? environment)
    {
        var (url, token) = Connection();
        var file = Text("--out", "Write the digest to this file (which must not exist yet) instead of printing it.");
        var compare = Text("--compare", "Check that the digest kept in this file is still part of the chain, instead of fetching a new one.");
        var command = new Command("digest", "Fetch the chain's head as a digest to keep outside the portal, or compare a kept one. Exit 0 done or still part of the chain, 1 not, 2 on errors.")
        {
            url, token, file, compare,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var client = new AuditClient(output, error, handler);
            var connection = ConnectionOf(parsed, url, token, environment);
            if (await Unexpected(parsed, error) is { } unexpected)
            {
                return unexpected;
            }
            if (parsed.GetValue(compare) is { } kept)
            {
                return parsed.GetValue(file) is null
                    ? await client.CompareAsync(connection, kept, cancellationToken)
                    : await Usage(error, "Give either --out (fetch and keep a digest) or --compare (check a kept one), not both.");
            }
            return await client.DigestAsync(connection, parsed.GetValue(file), cancellationToken);
        });
        return command;
    }

    private static (Option<string?> Url, Option<string?> Token) Connection() =>
        (Text("--url", $"The portal's address, e.g. https://portal.example.com (or ${PortalApi.UrlVariable})."),
         Text("--token", $"A token of an Auditor or an Admin (or ${PortalApi.TokenVariable})."));

    private static PortalConnection ConnectionOf(ParseResult parsed, Option<string?> url, Option<string?> token, Func<string, string?>? environment)
    {
        var env = environment ?? Environment.GetEnvironmentVariable;
        return new PortalConnection(parsed.GetValue(url) ?? env(PortalApi.UrlVariable), parsed.GetValue(token) ?? env(PortalApi.TokenVariable));
    }

    /// <summary>Stray words are reported here, so that every usage error exits 2, not System.CommandLine's 1.</summary>
    private static async Task<int?> Unexpected(ParseResult parsed, TextWriter error) =>
        parsed.UnmatchedTokens.Count > 0 ? await Usage(error, $"Unexpected argument(s): {string.Join(" ", parsed.UnmatchedTokens)}.") : null;

    private static async Task<int> Usage(TextWriter error, string message)
    {
        await error.WriteLineAsync(message);
        return Failed;
    }

    /// <summary>Every option takes zero or one value, so that a missing value is reported by the action (exit 2), not the parser.</summary>
    private static Option<string?> Text(string name, string description) => new(name) { Description = description, Arity = ArgumentArity.ZeroOrOne };
}

/// <summary>Where the portal is and the token to ask it with.</summary>
public sealed record PortalConnection(string? Url, string? Token);
