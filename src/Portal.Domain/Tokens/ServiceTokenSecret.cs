using System.Security.Cryptography;
using System.Text;

namespace Portal.Domain.Tokens;

/// <summary>Creates and hashes service token secrets. Only the SHA-256 hash is ever stored.</summary>
public static class ServiceTokenSecret
{
    public const string Marker = "mgp_";

    public static string Create() =>
        Marker + Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static string PrefixOf(string token) => token.Length <= 12 ? token : token[..12];

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
