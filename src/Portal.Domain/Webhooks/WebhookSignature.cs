using System.Security.Cryptography;
using System.Text;

namespace Portal.Domain.Webhooks;

/// <summary>
/// The Standard Webhooks signature: <c>v1,</c> then the base64 HMAC-SHA256, keyed with the secret's bytes, of
/// <c>{webhook-id}.{webhook-timestamp}.{body}</c>, the timestamp in whole seconds since the Unix epoch.
/// </summary>
public static class WebhookSignature
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";

    public static string Sign(string secret, string messageId, long timestamp, string body)
    {
        var signed = Encoding.UTF8.GetBytes($"{messageId}.{timestamp}.{body}");
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(WebhookSecret.KeyBytes(secret), signed));
    }

    /// <summary>
    /// A receiver's check: one of the space-separated signatures in the header matches (compared in constant time) and the
    /// timestamp is within <paramref name="tolerance"/> of <paramref name="now"/>, so an old message cannot be replayed.
    /// </summary>
    public static bool Verify(string secret, string messageId, long timestamp, string body, string signatureHeader, DateTimeOffset now,
        TimeSpan tolerance)
    {
        if (Math.Abs(now.ToUnixTimeSeconds() - timestamp) > tolerance.TotalSeconds)
        {
            return false;
        }
        var expected = Encoding.ASCII.GetBytes(Sign(secret, messageId, timestamp, body));
        return signatureHeader.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Any(candidate => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(candidate), expected));
    }
}
