using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;

namespace Portal.Web.Auth;

/// <summary>Sign-in, re-authentication and sign-out; the login page itself is <c>LoginPage.razor</c>.</summary>
public static class AccountEndpoints
{
    private const string SignedOutPage = "/account/login?signedOut=true";

    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account").ExcludeFromDescription();
        account.MapGet("/signin", (string? returnUrl, SignInMode mode) => mode.UsesIdentityProvider
            ? Results.Challenge(new AuthenticationProperties { RedirectUri = ReturnUrls.LocalOrRoot(returnUrl) }, [PortalAuthSchemes.Oidc])
            : Results.Redirect("/account/login"));
        account.MapGet("/reauthenticate", (string? returnUrl, SignInMode mode) =>
        {
            if (!mode.UsesIdentityProvider)
            {
                // The development sign-in has no password to ask again; signing in afresh there sets a new auth_time.
                return Results.LocalRedirect("/account/login?reauthenticate=true&returnUrl=" + Uri.EscapeDataString(ReturnUrls.LocalOrRoot(returnUrl)));
            }
            var properties = new AuthenticationProperties { RedirectUri = ReturnUrls.LocalOrRoot(returnUrl) };
            properties.Items[OidcSetup.MaxAgeItem] = "0";
            return Results.Challenge(properties, [PortalAuthSchemes.Oidc]);
        }).RequireAuthorization();
        account.MapPost("/dev-signin", DevelopmentSignInAsync);
        account.MapPost("/logout", SignOutAsync).RequireAuthorization();
    }

    private static async Task<IResult> DevelopmentSignInAsync(
        [FromForm] string subject, [FromForm] string? returnUrl, HttpContext context, SignInMode mode, IHostEnvironment environment,
        UserDirectoryService directory)
    {
        var user = DemoUsers.Find(subject);
        if (mode.UsesIdentityProvider || !AuthenticationSetup.AllowsDevelopmentSignIn(environment) || user is null)
        {
            return Results.Problem("The development sign-in is not available here.", statusCode: 404);
        }
        var mapped = user.Role is null ? new HashSet<string>() : new HashSet<string> { user.Role };
        var roles = await directory.RecordSignInAsync(user.Subject, user.Name, user.Email, mapped, user.Email, cancellationToken: context.RequestAborted);
        if (roles is null)
        {
            return Results.LocalRedirect("/account/login?error=" + Uri.EscapeDataString(UserDirectoryService.DeactivatedMessage));
        }
        var authTime = new System.Security.Claims.Claim(PortalClaims.AuthTime, DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        var principal = PortalClaims.Create("development", user.Subject, user.Name, user.Email, roles, [authTime]);
        await context.SignInAsync(PortalAuthSchemes.Cookie, principal);
        return Results.LocalRedirect(ReturnUrls.LocalOrRoot(returnUrl));
    }

    /// <summary>Sign-out revokes the session on the server; it takes a form with the antiforgery token, so no other site can sign anyone out.</summary>
    private static async Task<IResult> SignOutAsync(HttpContext context, SignInMode mode, IAntiforgery antiforgery)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return Results.Problem("Signing out needs the form's antiforgery token; use the Sign out button.", statusCode: StatusCodes.Status400BadRequest);
        }
        await context.SignOutAsync(PortalAuthSchemes.Cookie);
        if (mode.UsesIdentityProvider)
        {
            return Results.SignOut(new AuthenticationProperties { RedirectUri = SignedOutPage }, [PortalAuthSchemes.Oidc]);
        }
        return Results.LocalRedirect(SignedOutPage);
    }
}
