namespace Portal.Domain.ApiContract;

/// <summary>
/// One client's use of an <c>Idempotency-Key</c>: claimed before the request runs (unique per caller and key, so two
/// concurrent retries cannot both run), then holding the answer to replay until it expires.
/// </summary>
public sealed class IdempotencyRecord
{
    public long Id { get; private set; }

    /// <summary>The subject of whoever sent the key: keys are per caller, so nobody can read another caller's answer.</summary>
    public string Caller { get; private set; } = "";

    public string Key { get; private set; } = "";

    /// <summary><see cref="IdempotencyKey.FingerprintAsync"/> of the first request.</summary>
    public string RequestHash { get; private set; } = "";

    /// <summary>Null while the first request is still running.</summary>
    public int? StatusCode { get; private set; }

    public string? ContentType { get; private set; }
    public string? Location { get; private set; }
    public byte[]? Body { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime ExpiresAt { get; private set; }

    public bool IsCompleted => StatusCode is not null;

    public static IdempotencyRecord Claim(string caller, string key, string requestHash, DateTime now) => new()
    {
        Caller = caller,
        Key = key,
        RequestHash = requestHash,
        CreatedAt = now,
        ExpiresAt = now + IdempotencyKey.InProgressLease,
    };
}
