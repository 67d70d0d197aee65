using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Portal.Domain.Access;

namespace Portal.Web.Auth;

public static class OidcSetup
{
    /// <summary>Authentication property that asks the identity provider for a sign-in no older than this many seconds.</summary>
    public const string MaxAgeItem = "max_age";

    public static void AddPortalOpenIdConnect(this AuthenticationBuilder authentication, PortalAuthOptions options) =>
        authentication.AddOpenIdConnect(PortalAuthSchemes.Oidc, oidc =>
        {
            oidc.SignInScheme = PortalAuthSchemes.Cookie;
            oidc.Authority = options.Oidc.Authority;
            oidc.ClientId = options.Oidc.ClientId;
            oidc.ClientSecret = options.Oidc.ClientSecret;
            oidc.RequireHttpsMetadata = options.Oidc.RequireHttpsMetadata;
            // The handler's default response type is not the code flow; PKCE goes with it.
            oidc.ResponseType = OpenIdConnectResponseType.Code;
            oidc.UsePkce = true;
            // Without the saved id_token the sign-out stops at the provider instead of returning.
            oidc.SaveTokens = true;
            oidc.MapInboundClaims = false;
            oidc.GetClaimsFromUserInfoEndpoint = false;
            oidc.Scope.Clear();
            foreach (var scope in new[] { "openid", "profile", "email" })
            {
                oidc.Scope.Add(scope);
            }
            oidc.TokenValidationParameters.NameClaimType = PortalClaims.Name;
            oidc.TokenValidationParameters.RoleClaimType = PortalClaims.Role;
            // Correlation and nonce cookies must survive the provider's redirect back on plain-HTTP loopback too.
            oidc.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            oidc.CorrelationCookie.SameSite = SameSiteMode.Lax;
            oidc.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            oidc.NonceCookie.SameSite = SameSiteMode.Lax;
            oidc.ResponseMode = OpenIdConnectResponseMode.Query;
            oidc.Events.OnRedirectToIdentityProvider = AskForFreshSignIn;
            oidc.Events.OnTokenValidated = AcceptSignInAsync;
            oidc.Events.OnTicketReceived = ReturnToPortalOnly;
            oidc.Events.OnRemoteFailure = ShowFailure;
        });

    public static void AddPortalJwtBearer(this AuthenticationBuilder authentication, PortalAuthOptions options) =>
        authentication.AddJwtBearer(PortalAuthSchemes.Jwt, jwt =>
        {
            jwt.Authority = options.Oidc.Authority;
            jwt.Audience = options.ApiAudience;
            jwt.RequireHttpsMetadata = options.Oidc.RequireHttpsMetadata;
            jwt.MapInboundClaims = false;
            jwt.TokenValidationParameters.NameClaimType = PortalClaims.Name;
            jwt.TokenValidationParameters.RoleClaimType = PortalClaims.Role;
            jwt.Events = new()
            {
                OnTokenValidated = async context =>
                {
                    var principal = await PortalPrincipalAsync(context.HttpContext, context.Principal!, PortalAuthSchemes.Jwt);
                    if (principal is null)
                    {
                        context.Fail(UserDirectoryService.DeactivatedMessage);
                        return;
                    }
                    context.Principal = principal;
                },
            };
        });

    /// <summary>On the way out to the provider: the return address sealed into the state is one of the portal's pages.</summary>
    public static Task AskForFreshSignIn(RedirectContext context)
    {
        context.Properties.RedirectUri = ReturnUrls.LocalOrRoot(context.Properties.RedirectUri);
        if (context.Properties.Items.TryGetValue(MaxAgeItem, out var maxAge) && maxAge is not null)
        {
            context.ProtocolMessage.MaxAge = maxAge;
            context.ProtocolMessage.Prompt = OpenIdConnectPrompt.Login;
        }
        return Task.CompletedTask;
    }

    private static async Task AcceptSignInAsync(TokenValidatedContext context)
    {
        // The handler never compares auth_time with the max_age it asked for: the portal must.
        if (context.Properties!.Items.TryGetValue(MaxAgeItem, out var maxAge) && int.TryParse(maxAge, out var seconds))
        {
            var problem = AuthenticationFreshness.Problem(context.Principal!.FindFirst(PortalClaims.AuthTime)?.Value,
                TimeSpan.FromSeconds(seconds), DateTimeOffset.UtcNow);
            if (problem is not null)
            {
                context.Fail(problem);
                return;
            }
        }
        var principal = await PortalPrincipalAsync(context.HttpContext, context.Principal!, PortalAuthSchemes.Oidc);
        if (principal is null)
        {
            context.Fail(UserDirectoryService.DeactivatedMessage);
            return;
        }
        context.Principal = principal;
    }

    /// <summary>The portal's principal (mapped roles, directory updated) for a provider's token; null for a deactivated person.</summary>
    private static Task<System.Security.Claims.ClaimsPrincipal?> PortalPrincipalAsync(HttpContext http, System.Security.Claims.ClaimsPrincipal external, string scheme) =>
        http.RequestServices.GetRequiredService<IdentityProviderClaims>().ToPortalPrincipalAsync(external, scheme, http.RequestAborted);

    /// <summary>On the way back from the provider: whatever the state carries, the browser goes to one of the portal's pages.</summary>
    public static Task ReturnToPortalOnly(TicketReceivedContext context)
    {
        context.ReturnUri = ReturnUrls.LocalOrRoot(context.ReturnUri);
        return Task.CompletedTask;
    }

    private static Task ShowFailure(RemoteFailureContext context)
    {
        context.Response.Redirect("/account/login?error=" + Uri.EscapeDataString(context.Failure?.Message ?? "Sign-in failed."));
        context.HandleResponse();
        return Task.CompletedTask;
    }
}
