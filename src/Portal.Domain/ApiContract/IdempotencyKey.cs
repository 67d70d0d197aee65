using System.Security.Cryptography;
using System.Text;

namespace Portal.Domain.ApiContract;

/// <summary>
/// The rules for a client's <c>Idempotency-Key</c> (Stripe's convention): one value of 1 to 255 printable ASCII
/// characters, and the fingerprint of the request it was first sent with, so that a retry can be told from a new request
/// that reuses the key.
/// </summary>
public static class IdempotencyKey
{
    public const string Header = "Idempotency-Key";
    public const int MaxLength = 255;

    /// <summary>How long a completed request's answer is kept for replays.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    /// <summary>
    /// How long a claimed key waits for its request to finish; a request that died (a crashed instance) frees the key
    /// after this, instead of blocking it for <see cref="Lifetime"/>.
    /// </summary>
    public static readonly TimeSpan InProgressLease = TimeSpan.FromMinutes(5);

    /// <summary>The refusal for a key, or null when it is usable.</summary>
    public static string? Problem(string? key) => key switch
    {
        null or "" => $"{Header} is empty; send 1 to {MaxLength} printable characters, such as a UUID.",
        { Length: > MaxLength } => $"{Header} is {key.Length} characters long; at most {MaxLength} are allowed.",
        _ when key.Any(c => c is < '\u0020' or > '\u007e') =>
            $"{Header} contains a control or non-ASCII character; use printable ASCII only, such as a UUID.",
        _ => null,
    };

    /// <summary>SHA-256 (hex) of the method, the path with its query and the body: what a retry must repeat exactly.</summary>
    public static async Task<string> FingerprintAsync(string method, string pathAndQuery, Stream body, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{method.ToUpperInvariant()}\n{pathAndQuery}\n"));
        var buffer = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            hash.AppendData(buffer, 0, read);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
