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
        identity.AddClaim(new Claim(SessionStore.Claim, await SessionForAsync(context.HttpContext, store, subject)));
    }

    /// <summary>
    /// Re-authentication (before a signature) keeps the person's session, so their other tabs stay signed in and one
    /// sign-out still ends every copy of the cookie; the absolute lifetime counts from the first sign-in. Anyone else
    /// signing in on the same browser replaces it.
    /// </summary>
    private static async Task<string> SessionForAsync(HttpContext http, SessionStore store, string subject)
    {
        // On the provider's callback the cookie has not been read yet: read it (its session is checked on the way).
        var current = (await http.AuthenticateAsync(PortalAuthSchemes.Cookie)).Principal;
        if (current?.FindFirst(SessionStore.Claim)?.Value is { } open)
        {
            if (current.FindFirst(PortalClaims.Subject)?.Value == subject)
            {
                return open;
            }
            await store.RevokeAsync(current, "replaced", http.RequestAborted);
        }
        return await store.StartAsync(subject, http.RequestAborted);
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
