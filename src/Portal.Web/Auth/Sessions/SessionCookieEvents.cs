using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Portal.Web.Auth.Sessions;

/// <summary>Ties the portal's cookie to a server-side session: started at sign-in, checked on every request, revoked at sign-out.</summary>
public static class SessionCookieEvents
{
    public static void Attach(CookieAuthenticationEvents events)
    {
        events.OnSigningIn = StartSessionAsync;
        events.OnValidatePrincipal = ValidateAsync;
        events.OnSigningOut = EndSessionAsync;
    }

    private static async Task StartSessionAsync(CookieSigningInContext context)
    {
        var store = context.HttpContext.RequestServices.GetRequiredService<SessionStore>();
        var subject = context.Principal?.FindFirst(PortalClaims.Subject)?.Value;
        if (context.Principal?.Identity is not ClaimsIdentity identity || subject is null)
        {
            return;
        }
        // A fresh sign-in (e.g. re-authentication before signing) replaces the session the browser had.
        await store.RevokeAsync(context.HttpContext.User, "replaced", context.HttpContext.RequestAborted);
        foreach (var stale in identity.FindAll(SessionStore.Claim).ToList())
        {
            identity.RemoveClaim(stale);
        }
        identity.AddClaim(new Claim(SessionStore.Claim, await store.StartAsync(subject, context.HttpContext.RequestAborted)));
    }

    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var store = context.HttpContext.RequestServices.GetRequiredService<SessionStore>();
        if (context.Principal is null || !await store.IsOpenAsync(context.Principal, fresh: false, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(PortalAuthSchemes.Cookie);
            return;
        }
        await context.HttpContext.RequestServices.GetRequiredService<ActiveUserCheck>().ValidateAsync(context);
    }

    private static Task EndSessionAsync(CookieSigningOutContext context) =>
        context.HttpContext.RequestServices.GetRequiredService<SessionStore>()
            .RevokeAsync(context.HttpContext.User, "signed out", context.HttpContext.RequestAborted);
}
