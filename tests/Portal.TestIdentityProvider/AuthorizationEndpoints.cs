using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Primitives;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Portal.TestIdentityProvider;

/// <summary>
/// The passthrough handlers for /connect/authorize and /connect/logout. OpenIddict has already validated
/// the request (client, redirect URI, PKCE, scopes) before these run; they only decide who the user is.
/// Modelled on the prompt/max_age handling of OpenIddict's Velusia sample.
/// </summary>
internal static class AuthorizationEndpoints
{
    public static void MapAuthorizationEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods(IdentityProviderApp.AuthorizePath, [HttpMethods.Get, HttpMethods.Post], AuthorizeAsync);
        endpoints.MapMethods(IdentityProviderApp.LogoutPath, [HttpMethods.Get, HttpMethods.Post], (Delegate)LogoutAsync);
    }

    private static async Task<IResult> AuthorizeAsync(HttpContext context, IdentityConfiguration configuration, TimeProvider clock)
    {
        var request = context.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved.");

        var session = await context.AuthenticateAsync(AccountEndpoints.SessionScheme);
        var user = session.Succeeded ? configuration.FindUserBySubject(session.Principal.GetClaim(Claims.Subject)) : null;
        var authTime = TokenClaims.ReadAuthTime(session.Principal);

        if (user is null || authTime is null || request.HasPromptValue(PromptValues.Login) || IsTooOld(authTime.Value, request.MaxAge, clock))
        {
            if (request.HasPromptValue(PromptValues.None))
            {
                return Results.Forbid(
                    new AuthenticationProperties(new Dictionary<string, string?>
                    {
                        [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.LoginRequired,
                        [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "The user is not logged in.",
                    }),
                    [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
            }

            // The cookie handler redirects to /account/login?returnUrl=<this request, minus the re-login demand>.
            return Results.Challenge(
                new AuthenticationProperties { RedirectUri = ReturnUrlAfterLogin(context.Request, request) },
                [AccountEndpoints.SessionScheme]);
        }

        var identity = TokenClaims.ForUser(user, authTime.Value, request.GetScopes());
        return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<IResult> LogoutAsync(HttpContext context)
    {
        await context.SignOutAsync(AccountEndpoints.SessionScheme);

        // OpenIddict validates post_logout_redirect_uri against the client (the one named by id_token_hint,
        // when given) and redirects there with the state; without one the user lands on the status page.
        return Results.SignOut(
            new AuthenticationProperties { RedirectUri = "/" },
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    // Compared in whole seconds, the unit auth_time and max_age share.
    private static bool IsTooOld(long authTime, long? maxAge, TimeProvider clock) =>
        maxAge is not null && clock.GetUtcNow().ToUnixTimeSeconds() - authTime > maxAge.Value;

    /// <summary>
    /// After the user has just typed a password, prompt=login and max_age are satisfied; they are removed from the
    /// URL the login form returns to, otherwise the authorize endpoint would demand a login again (max_age=0 would
    /// loop forever). The request is always replayed as a GET, even if it arrived as a form post.
    /// </summary>
    private static string ReturnUrlAfterLogin(HttpRequest http, OpenIddictRequest request)
    {
        IEnumerable<KeyValuePair<string, StringValues>> source = http.HasFormContentType ? http.Form : http.Query;
        var parameters = source
            .Where(parameter => parameter.Key is not (Parameters.Prompt or Parameters.MaxAge))
            .ToList();

        var prompts = request.GetPromptValues().Remove(PromptValues.Login);
        if (!prompts.IsEmpty)
        {
            parameters.Add(KeyValuePair.Create(Parameters.Prompt, new StringValues(string.Join(' ', prompts))));
        }

        return http.PathBase + http.Path + QueryString.Create(parameters);
    }
}
