using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Portal.TestIdentityProvider;

/// <summary>
/// In-memory keys, never persisted, so tokens never outlive the process that issued them. The development
/// certificate store is not available on CI, which rules out AddDevelopmentSigningCertificate.
/// </summary>
internal static class SigningKeys
{
    // Generating an RSA key costs seconds on a small CI machine, and OpenIddict's AddEphemeral*Key generates
    // two per host; one RS256 key shared by every host in the process keeps a test suite's many hosts fast.
    // Hosts still cannot accept each other's tokens: each has its own issuer (port).
    private static readonly Lazy<RsaSecurityKey> SharedSigningKey = new(() => new RsaSecurityKey(RSA.Create(2048))
    {
        KeyId = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16)),
    });

    public static SecurityKey Signing => SharedSigningKey.Value;

    /// <summary>Encrypts codes and refresh tokens only the host itself reads back; a symmetric key costs nothing to make.</summary>
    public static SecurityKey NewEncryptionKey() => new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32));
}
