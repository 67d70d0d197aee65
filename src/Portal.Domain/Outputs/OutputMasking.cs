using System.Security.Cryptography;
using System.Text;

namespace Portal.Domain.Outputs;

/// <summary>
/// The masking functions. Hash is HMAC-SHA-256 under the portal's key, so equal values hash equally (joins still work)
/// while nobody without the key can test guesses against them.
/// </summary>
public sealed class OutputMasking(byte[] hashKey)
{
    public const string Redacted = "***";

    /// <summary>The masked value; null means an empty CSV field or a JSON null.</summary>
    public string? Apply(MaskingFunction function, ReadOnlySpan<char> value) => function switch
    {
        MaskingFunction.Redact => Redacted,
        MaskingFunction.Null => null,
        MaskingFunction.LastFour => value.Length > 4 ? string.Concat(Redacted, value[^4..]) : Redacted,
        _ => Hash(value),
    };

    public string Hash(ReadOnlySpan<char> value)
    {
        var byteCount = Encoding.UTF8.GetByteCount(value);
        var bytes = byteCount <= 512 ? stackalloc byte[byteCount] : new byte[byteCount];
        Encoding.UTF8.GetBytes(value, bytes);
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(hashKey, bytes, mac);
        return Convert.ToHexStringLower(mac);
    }

    public static string Describe(MaskingFunction function) => function switch
    {
        MaskingFunction.Redact => "redacted",
        MaskingFunction.Null => "nulled",
        MaskingFunction.LastFour => "last four",
        _ => "hashed",
    };
}
