using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Portal.TestIdentityProvider;

/// <summary>
/// The passthrough handlers for /connect/token and /connect/userinfo. OpenIddict has already authenticated
/// the client (secret, PKCE verifier, code or refresh token) before these run.
/// </summary>
internal static class TokenEndpoints
{
    public static void MapTokenEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(IdentityProviderApp.TokenPath, ExchangeAsync);
        endpoints.MapMethods(IdentityProviderApp.UserInfoPath, [HttpMethods.Get, HttpMethods.Post], UserInfoAsync);
    }

    private static async Task<IResult> ExchangeAsync(HttpContext context, IdentityConfiguration configuration)
    {
        var request = context.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved.");

        if (request.IsClientCredentialsGrantType())
        {
            var client = configuration.FindClient(request.ClientId)
                ?? throw new InvalidOperationException($"Client '{request.ClientId}' passed validation but is not configured.");
            return SignIn(TokenClaims.ForClient(client, request.GetScopes()));
        }

        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            var grant = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            var user = configuration.FindUserBySubject(grant.Principal?.GetClaim(Claims.Subject));
            if (grant.Principal is null || user is null)
            {
                return Error(Errors.InvalidGrant, "The user no longer exists.");
            }

            return SignIn(TokenClaims.ForRedeemedGrant(grant.Principal, user));
        }

        // Only the grant types enabled in IdentityProviderApp reach here; anything else is a wiring mistake.
        throw new InvalidOperationException($"Grant type '{request.GrantType}' is not handled.");
    }

    private static async Task<IResult> UserInfoAsync(HttpContext context, IdentityConfiguration configuration)
    {
        var token = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        var subject = token.Principal?.GetClaim(Claims.Subject);
        var user = configuration.FindUserBySubject(subject);
        if (user is not null)
        {
            return Results.Json(new Dictionary<string, object>
            {
                [Claims.Subject] = user.Subject,
                [Claims.Name] = user.Name,
                [Claims.PreferredUsername] = user.UserName,
                [Claims.Email] = user.Email,
                // Always an array here, even for one group, so JSON readers need no special case.
                [TokenClaims.Groups] = user.Groups,
            });
        }

        var client = configuration.FindClient(subject);
        if (client is not null)
        {
            return Results.Json(new Dictionary<string, object>
            {
                [Claims.Subject] = client.ClientId,
                [Claims.Name] = client.ClientId,
                [TokenClaims.Groups] = client.Groups,
            });
        }

        return Results.Challenge(
            new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.InvalidToken,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "The token's subject is unknown.",
            }),
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    private static IResult SignIn(ClaimsIdentity identity) =>
        Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);

    private static IResult Error(string error, string description) =>
        Results.Forbid(
            new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
            }),
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
