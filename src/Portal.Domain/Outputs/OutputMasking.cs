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

    // One keyed HMAC per thread, reset after each value: the one-shot HMACSHA256.HashData sets the key up again for every
    // value, which made hashing a column cost more than reading, checking and writing the whole row.
    private readonly ThreadLocal<IncrementalHash> hmac = new(() => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, hashKey));

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
        var keyed = hmac.Value!;
        keyed.AppendData(bytes);
        keyed.GetHashAndReset(mac);
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
