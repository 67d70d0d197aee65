using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Domain.Directory;

namespace Portal.Web.Auth.Sessions;

/// <summary>
/// The server side of people's sign-ins: the cookie names a session here, and a session that is revoked (signed out,
/// deactivated, replaced by a fresh sign-in) or past its absolute lifetime no longer signs anyone in, whoever holds the cookie.
/// </summary>
public sealed class SessionStore(IDbContextFactory<PortalDbContext> dbFactory, IMemoryCache cache, TimeProvider clock,
    IOptions<PortalAuthOptions> options)
{
    /// <summary>The cookie's claim that carries the session id.</summary>
    public const string Claim = "portal_sid";

    /// <summary>A page's many requests cost one query; a revocation on this instance takes effect at once (the entry is dropped).</summary>
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(15);

    private sealed record Entry(string Subject, DateTime ExpiresAt, DateTime? RevokedAt);

    public async Task<string> StartAsync(string subject, CancellationToken cancellationToken)
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(UserSession.IdLength / 2));
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.Set<UserSession>().Add(UserSession.Start(id, subject, clock.GetUtcNow().UtcDateTime, options.Value.Session.AbsoluteLifetime));
        await db.SaveChangesAsync(cancellationToken);
        return id;
    }

    /// <summary>Whether the principal's session is open; a principal without one (a cookie from before sessions) is not.</summary>
    public async Task<bool> IsOpenAsync(ClaimsPrincipal principal, bool fresh, CancellationToken cancellationToken)
    {
        var id = principal.FindFirst(Claim)?.Value;
        var subject = principal.FindFirst(PortalClaims.Subject)?.Value;
        if (id is null || subject is null)
        {
            return false;
        }
        if (fresh)
        {
            cache.Remove(Key(id));
        }
        var entry = await cache.GetOrCreateAsync(Key(id), async item =>
        {
            item.AbsoluteExpirationRelativeToNow = CacheFor;
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            return await db.Set<UserSession>().AsNoTracking().Where(s => s.Id == id)
                .Select(s => new Entry(s.Subject, s.ExpiresAt, s.RevokedAt)).SingleOrDefaultAsync(cancellationToken);
        });
        return entry is not null && entry.Subject == subject && entry.RevokedAt is null && clock.GetUtcNow().UtcDateTime < entry.ExpiresAt;
    }

    public async Task RevokeAsync(ClaimsPrincipal principal, string because, CancellationToken cancellationToken)
    {
        if (principal.FindFirst(Claim)?.Value is { } id)
        {
            await RevokeWhereAsync(s => s.Id == id, because, cancellationToken);
        }
    }

    /// <summary>Ends every open session of a person, e.g. when they are deactivated.</summary>
    public Task RevokeAllAsync(string subject, string because, CancellationToken cancellationToken) =>
        RevokeWhereAsync(s => s.Subject == subject, because, cancellationToken);

    private async Task RevokeWhereAsync(System.Linq.Expressions.Expression<Func<UserSession, bool>> which, string because,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var open = await db.Set<UserSession>().Where(which).Where(s => s.RevokedAt == null && s.ExpiresAt > now).ToListAsync(cancellationToken);
        foreach (var session in open)
        {
            session.Revoke(because, now);
        }
        await db.SaveChangesAsync(cancellationToken);
        foreach (var session in open)
        {
            cache.Remove(Key(session.Id));
        }
    }

    private static string Key(string id) => $"session:{id}";
}
