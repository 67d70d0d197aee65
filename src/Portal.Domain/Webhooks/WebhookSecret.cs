using System.Security.Cryptography;

namespace Portal.Domain.Webhooks;

/// <summary>A subscription's signing secret in the Standard Webhooks form: <c>whsec_</c> then the base64 of its bytes.</summary>
public static class WebhookSecret
{
    public const string Prefix = "whsec_";

    /// <summary>24 random bytes, as the Standard Webhooks libraries generate.</summary>
    public static string Create() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));

    /// <summary>The key bytes the HMAC is computed with: the base64 after the prefix (a secret without the prefix is read as base64 too).</summary>
    public static byte[] KeyBytes(string secret) =>
        Convert.FromBase64String(secret.StartsWith(Prefix, StringComparison.Ordinal) ? secret[Prefix.Length..] : secret);
}
