using System.CommandLine;
using Portal.Domain.EvidencePackages;

namespace Portal.Cli.Evidence;

/// <summary>
/// <c>portal evidence verify PACKAGE.zip [--digest DIGEST] [--public-key FILE]</c>: checks an evidence package offline. Exit
/// codes: 0 intact; 1 broken (each problem printed with the file and record it concerns); 2 usage error (no such file, bad option).
/// </summary>
public static class EvidenceVerifyCommand
{
    public const int Intact = 0;
    public const int Broken = 1;
    public const int UsageError = 2;

    public static Command Create(TextWriter output, TextWriter error)
    {
        var package = new Argument<string?>("package") { Description = "The evidence package (.zip) to verify.", Arity = ArgumentArity.ZeroOrOne };
        var digest = new Option<string?>("--digest")
        {
            Description = "A chain digest kept outside the portal (mgp-audit-v1:N:HASH, or the head's 64-character hash).",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var publicKey = new Option<string?>("--public-key")
        {
            Description = "The portal's public key (PEM, from GET /api/v1/evidence/signing-key); trusted instead of the copy inside the package.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var verify = new Command("verify", "Exit 0 when the package is intact, 1 when anything in it is broken (saying what and where), 2 on a usage error.")
        {
            package, digest, publicKey,
        };
        // Stray words are reported by the action itself, so that every usage error exits 2, not System.CommandLine's 1.
        verify.TreatUnmatchedTokensAsErrors = false;
        verify.SetAction(async (parsed, cancellationToken) =>
        {
            if (parsed.UnmatchedTokens.Count > 0)
            {
                await error.WriteLineAsync($"Unexpected argument(s): {string.Join(" ", parsed.UnmatchedTokens)}.");
                return UsageError;
            }
            return await RunAsync(parsed.GetValue(package), parsed.GetValue(digest), parsed.GetValue(publicKey), output, error, cancellationToken);
        });
        return new Command("evidence", "Evidence packages.") { verify };
    }

    public static async Task<int> RunAsync(string? packagePath, string? digest, string? publicKeyPath, TextWriter output, TextWriter error,
        CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(packagePath) || !File.Exists(packagePath))
        {
            await error.WriteLineAsync(string.IsNullOrWhiteSpace(packagePath) ? "Name the package: portal evidence verify PACKAGE.zip" : $"No file {packagePath}.");
            return UsageError;
        }
        string? trustedKey = null;
        if (publicKeyPath is not null)
        {
            if (!File.Exists(publicKeyPath))
            {
                await error.WriteLineAsync($"No public key file {publicKeyPath}.");
                return UsageError;
            }
            trustedKey = await File.ReadAllTextAsync(publicKeyPath, cancellationToken);
        }
        await using var stream = File.OpenRead(packagePath);
        var result = await EvidencePackageVerifier.VerifyAsync(stream, trustedKey, digest, cancellationToken);
        foreach (var item in result.Checked)
        {
            await output.WriteLineAsync($"checked: {item}");
        }
        if (result.Intact)
        {
            await output.WriteLineAsync($"{packagePath}: intact");
            return Intact;
        }
        foreach (var problem in result.Problems)
        {
            await error.WriteLineAsync($"BROKEN: {problem}");
        }
        await error.WriteLineAsync($"{packagePath}: broken ({result.Problems.Count} problem(s))");
        return Broken;
    }
}
