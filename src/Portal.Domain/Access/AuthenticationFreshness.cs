namespace Portal.Domain.Access;

/// <summary>
/// When the portal asks the identity provider for a fresh sign-in (max_age), the ID token's auth_time
/// must prove it happened: OpenID Connect handlers do not check this themselves.
/// </summary>
public static class AuthenticationFreshness
{
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);

    /// <summary>Null when auth_time satisfies max_age at <paramref name="now"/>; otherwise why not.</summary>
    public static string? Problem(string? authTimeClaim, TimeSpan maxAge, DateTimeOffset now)
    {
        if (!long.TryParse(authTimeClaim, out var seconds)
            || seconds < DateTimeOffset.MinValue.ToUnixTimeSeconds() || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return "The identity provider did not say when you authenticated (no auth_time), so a fresh sign-in cannot be proven.";
        }
        var authenticatedAt = DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (authenticatedAt > now + ClockSkew)
        {
            return "The identity provider's auth_time lies in the future.";
        }
        return now - authenticatedAt > maxAge + ClockSkew
            ? $"You authenticated at {authenticatedAt:u}, longer ago than the {maxAge.TotalSeconds:0} seconds allowed."
            : null;
    }
}
