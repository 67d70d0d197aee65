using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Portal.TestIdentityProvider;

/// <summary>The IdP's own login form and session cookie; the authorize endpoint redirects here when it needs a user.</summary>
internal static class AccountEndpoints
{
    public const string LoginPath = "/account/login";
    public const string SessionScheme = CookieAuthenticationDefaults.AuthenticationScheme;

    public static void MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(LoginPath, (HttpContext context, IAntiforgery antiforgery, IdentityConfiguration configuration, string? returnUrl) =>
            LoginForm(context, antiforgery, configuration, returnUrl, userName: null, error: null));
        endpoints.MapPost(LoginPath, LoginAsync);
        // Cast: a method taking only HttpContext would otherwise bind as a RequestDelegate and drop the result.
        endpoints.MapGet("/", (Delegate)StatusAsync);
    }

    private static async Task<IResult> LoginAsync(HttpContext context, IAntiforgery antiforgery, IdentityConfiguration configuration, TimeProvider clock)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return Results.Content(LoginPage.Message("Sign in failed", "The form expired; go back and sign in again."), "text/html", statusCode: StatusCodes.Status400BadRequest);
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        string? userName = form["username"];
        string? returnUrl = form["returnUrl"];
        var user = configuration.FindUserByName(userName);
        if (user is null || !string.Equals(user.Password, form["password"], StringComparison.Ordinal))
        {
            // Same message for unknown user and wrong password, like a real IdP.
            return LoginForm(context, antiforgery, configuration, returnUrl, userName, "Invalid user name or password.");
        }

        var authTime = clock.GetUtcNow().ToUnixTimeSeconds();
        var session = TokenClaims.ForSession(user, authTime, SessionScheme);
        // The redirect goes only to a local URL (normally back to /connect/authorize) to avoid an open redirect.
        var properties = new AuthenticationProperties { RedirectUri = IsLocalUrl(returnUrl) ? returnUrl : "/" };
        return Results.SignIn(new ClaimsPrincipal(session), properties, SessionScheme);
    }

    private static IResult LoginForm(HttpContext context, IAntiforgery antiforgery, IdentityConfiguration configuration, string? returnUrl, string? userName, string? error)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        var html = LoginPage.Render(
            context.Request.PathBase + LoginPath,
            IsLocalUrl(returnUrl) ? returnUrl : "/",
            tokens.FormFieldName,
            tokens.RequestToken ?? string.Empty,
            userName,
            error,
            configuration.Users.Select(user => user.UserName));
        return Results.Content(html, "text/html; charset=utf-8");
    }

    private static async Task<IResult> StatusAsync(HttpContext context)
    {
        var session = await context.AuthenticateAsync(SessionScheme);
        var text = session.Succeeded ? $"Signed in as {session.Principal.Identity?.Name}." : "Not signed in.";
        return Results.Content(LoginPage.Message("Test identity provider", text), "text/html; charset=utf-8");
    }

    // Same rule as Url.IsLocalUrl: a rooted path that is not protocol-relative ("//host" or "/\host").
    private static bool IsLocalUrl([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));
}
