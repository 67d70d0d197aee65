using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Portal.Data;

namespace Portal.Web.Auth;

/// <summary>
/// Ends the session of a person deactivated in the user directory, at their next request rather than
/// when the cookie expires. The answer is cached briefly so that a page's many requests cost one query.
/// </summary>
public sealed class ActiveUserCheck(IDbContextFactory<PortalDbContext> dbFactory, IMemoryCache cache)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    public async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var subject = context.Principal?.FindFirst(PortalClaims.Subject)?.Value;
        if (subject is null || await IsActiveAsync(subject, context.HttpContext.RequestAborted))
        {
            return;
        }
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(PortalAuthSchemes.Cookie);
    }

    public void Forget(string subject) => cache.Remove(Key(subject));

    /// <summary>The directory's answer now, not cached (an open page's periodic recheck).</summary>
    public async Task<bool> IsActiveNowAsync(string subject, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await IsActiveAsync(db, subject, cancellationToken);
    }

    /// <summary>Someone the directory has never seen (e.g. signed in before it existed) is not refused here.</summary>
    public static async Task<bool> IsActiveAsync(PortalDbContext db, string subject, CancellationToken cancellationToken) =>
        await db.Users.AsNoTracking().Where(u => u.Subject == subject).Select(u => (bool?)u.IsActive).SingleOrDefaultAsync(cancellationToken) ?? true;

    private async Task<bool> IsActiveAsync(string subject, CancellationToken cancellationToken) =>
        await cache.GetOrCreateAsync(Key(subject), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheFor;
            return await IsActiveNowAsync(subject, cancellationToken);
        });

    private static string Key(string subject) => $"active-user:{subject}";
}
