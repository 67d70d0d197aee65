using System.Security.Cryptography;
using System.Text;

namespace Portal.Domain.Outputs;

/// <summary>
/// The masking functions. Hash is HMAC-SHA-256-128 under the portal's key (the HMAC truncated to its first 128 bits, as
/// RFC 4868 does, written as 32 lower-case hex digits), so equal values hash equally (joins still work) while nobody without
/// the key can test guesses against them; 128 bits make a collision negligible at any row count.
/// </summary>
public sealed class OutputMasking(byte[] hashKey)
{
    public const string Redacted = "***";

    /// <summary>The hex digits of a hashed value: 16 bytes of the HMAC, two digits each.</summary>
    public const int HashHexLength = 32;

    /// <summary>
    /// Names how masked values are written (the hash's length above all); part of every masking plan's fingerprint, so a
    /// masked copy stored under an earlier format is never found again and goes like a copy under another key.
    /// </summary>
    public const string FormatVersion = "2";

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
        return Convert.ToHexStringLower(mac[..(HashHexLength / 2)]);
    }

    /// <summary>HMAC-SHA-256-128 under the portal's key, written as lower-case hex digits straight into a UTF-8 buffer.</summary>
    public sealed class KeyedHasher(byte[] key) : IDisposable
    {
        private readonly IncrementalHash hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);

        /// <summary>Writes the <see cref="HashHexLength"/> hex digits of the value's keyed hash into <paramref name="hex"/>; returns their count.</summary>
        public int HashHex(ReadOnlySpan<byte> value, Span<byte> hex)
        {
            Span<byte> mac = stackalloc byte[32];
            hmac.AppendData(value);
            hmac.GetHashAndReset(mac);
            const string Digits = "0123456789abcdef";
            for (var i = 0; i < HashHexLength / 2; i++)
            {
                hex[2 * i] = (byte)Digits[mac[i] >> 4];
                hex[(2 * i) + 1] = (byte)Digits[mac[i] & 0xF];
            }
            return HashHexLength;
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
