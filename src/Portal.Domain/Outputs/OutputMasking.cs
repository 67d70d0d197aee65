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
        MaskingFunction.LastFour => LastFourOf(value),
        _ => Hash(value),
    };

    public static string LastFourOf(ReadOnlySpan<char> value) => value.Length > 4 ? string.Concat(Redacted, value[^4..]) : Redacted;

    /// <summary>A keyed hasher of its own, for one reader of the data at a time (one per core when chunks are masked in parallel).</summary>
    public KeyedHasher CreateHasher() => new(hashKey);

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

    /// <summary>HMAC-SHA-256 under the portal's key, its digest written as lower-case hex digits straight into a UTF-8 buffer.</summary>
    public sealed class KeyedHasher(byte[] key) : IDisposable
    {
        private readonly IncrementalHash hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);

        /// <summary>Writes the 64 hex digits of the value's keyed hash into <paramref name="hex"/>; returns 64.</summary>
        public int HashHex(ReadOnlySpan<byte> value, Span<byte> hex)
        {
            Span<byte> mac = stackalloc byte[32];
            hmac.AppendData(value);
            hmac.GetHashAndReset(mac);
            const string Digits = "0123456789abcdef";
            for (var i = 0; i < mac.Length; i++)
            {
                hex[2 * i] = (byte)Digits[mac[i] >> 4];
                hex[(2 * i) + 1] = (byte)Digits[mac[i] & 0xF];
            }
            return 2 * mac.Length;
        }

        public void Dispose() => hmac.Dispose();
    }

    public static string Describe(MaskingFunction function) => function switch
    {
        MaskingFunction.Redact => "redacted",
        MaskingFunction.Null => "nulled",
        MaskingFunction.LastFour => "last four",
        _ => "hashed",
    };
}
