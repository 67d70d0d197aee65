namespace Portal.Domain.Directory;

/// <summary>
/// A person's signed-in session on the server. The cookie carries only its id, so signing out, a deactivation
/// or the absolute lifetime ends it for every copy of the cookie.
/// </summary>
public sealed class UserSession
{
    public const int IdLength = 64;

    public string Id { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public DateTime ExpiresAt { get; private set; }
    public DateTime? RevokedAt { get; private set; }
    public string? RevokedBecause { get; private set; }

    public static UserSession Start(string id, string subject, DateTime now, TimeSpan absoluteLifetime) => new()
    {
        Id = id,
        Subject = subject,
        CreatedAt = now,
        ExpiresAt = now + absoluteLifetime,
    };

    public bool IsValidAt(DateTime now) => RevokedAt is null && now < ExpiresAt;

    public void Revoke(string because, DateTime now)
    {
        if (RevokedAt is not null)
        {
            return;
        }
        RevokedAt = now;
        RevokedBecause = because;
    }
}
