using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Portal.Web.Features.Evidence;

/// <summary>Checks at start-up that a signing key is configured and readable (or may be created, in Development and Testing).</summary>
public sealed class EvidenceOptionsValidation(IHostEnvironment environment) : IValidateOptions<EvidenceOptions>
{
    public ValidateOptionsResult Validate(string? name, EvidenceOptions options)
    {
        var path = ResolvePath(options, environment);
        if (path is null)
        {
            return ValidateOptionsResult.Fail("Evidence:SigningKeyPath must name a PEM file with the ECDSA P-256 private key that signs evidence packages.");
        }
        if (!File.Exists(path))
        {
            return MayCreateKey(environment)
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail($"Evidence:SigningKeyPath ({path}) does not exist.");
        }
        try
        {
            using var key = EvidenceSigningKey.Load(path);
            return ValidateOptionsResult.Success;
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException or CryptographicException)
        {
            return ValidateOptionsResult.Fail(e.Message);
        }
    }

    public static bool MayCreateKey(IHostEnvironment environment) => environment.IsDevelopment() || environment.IsEnvironment("Testing");

    /// <summary>The configured path against the content root; in Development and Testing the default under the data folder.</summary>
    public static string? ResolvePath(EvidenceOptions options, IHostEnvironment environment)
    {
        var path = string.IsNullOrWhiteSpace(options.SigningKeyPath)
            ? MayCreateKey(environment) ? EvidenceOptions.DevelopmentKeyPath : null
            : options.SigningKeyPath;
        return path is null ? null : Path.GetFullPath(path, environment.ContentRootPath);
    }
}
