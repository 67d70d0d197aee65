using System.Globalization;
using System.Security.Claims;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Portal.TestIdentityProvider;

/// <summary>Builds the principals OpenIddict turns into tokens, with the claims the portal relies on.</summary>
internal static class TokenClaims
{
    public const string Groups = "groups";

    // The authentication type must be non-null: OpenIddict refuses unauthenticated principals.
    private const string AuthenticationType = "TestIdentityProvider";

    public static ClaimsIdentity ForUser(IdentityUser user, long authTime, IEnumerable<string> scopes)
    {
        var identity = new ClaimsIdentity(AuthenticationType, Claims.Name, Claims.Role);
        SetUserClaims(identity, user, authTime);
        return Finish(identity, scopes);
    }

    /// <summary>
    /// Rebuilds a principal read back from an authorization code or refresh token: OpenIddict's private
    /// claims (authorization id, scopes, nonce...) are kept, the user's claims are refreshed from configuration.
    /// </summary>
    public static ClaimsIdentity ForRedeemedGrant(ClaimsPrincipal grant, IdentityUser user)
    {
        var identity = new ClaimsIdentity(grant.Claims, AuthenticationType, Claims.Name, Claims.Role);
        var authTime = ReadAuthTime(grant) ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        SetUserClaims(identity, user, authTime);
        identity.SetDestinations(Destinations);
        return identity;
    }

    /// <summary>Client credentials: the client is the subject, named after itself, with its configured groups.</summary>
    public static ClaimsIdentity ForClient(IdentityClient client, IEnumerable<string> scopes)
    {
        var identity = new ClaimsIdentity(AuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, client.ClientId)
                .SetClaim(Claims.Name, client.ClientId)
                .SetClaims(Groups, [.. client.Groups]);
        return Finish(identity, scopes);
    }

    /// <summary>The IdP's own session cookie carries only who signed in and when they typed their password.</summary>
    public static ClaimsIdentity ForSession(IdentityUser user, long authTime, string authenticationType)
    {
        var identity = new ClaimsIdentity(authenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, user.Subject).SetClaim(Claims.Name, user.Name);
        identity.AddClaim(AuthTimeClaim(authTime));
        return identity;
    }

    public static long? ReadAuthTime(ClaimsPrincipal? principal) =>
        long.TryParse(principal?.GetClaim(Claims.AuthenticationTime), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;

    private static void SetUserClaims(ClaimsIdentity identity, IdentityUser user, long authTime)
    {
        identity.SetClaim(Claims.Subject, user.Subject)
                .SetClaim(Claims.Name, user.Name)
                .SetClaim(Claims.PreferredUsername, user.UserName)
                .SetClaim(Claims.Email, user.Email)
                .SetClaims(Groups, [.. user.Groups]);

        foreach (var stale in identity.FindAll(Claims.AuthenticationTime).ToList())
        {
            identity.RemoveClaim(stale);
        }

        identity.AddClaim(AuthTimeClaim(authTime));
    }

    // OpenIddict rejects the whole sign-in unless auth_time is a single claim typed as a number.
    private static Claim AuthTimeClaim(long authTime) =>
        new(Claims.AuthenticationTime, authTime.ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer64);

    private static ClaimsIdentity Finish(ClaimsIdentity identity, IEnumerable<string> scopes)
    {
        identity.SetScopes(scopes);
        // The portal API is the only resource, so every access token is for it whatever scopes were asked:
        // clients need not know the scope name to get a token the portal's JwtBearer handler accepts.
        identity.SetResources(IdentityProviderApp.ApiScope);
        identity.SetDestinations(Destinations);
        return identity;
    }

    // Everything goes into both tokens: the portal reads groups from the ID token at sign-in and from
    // access tokens on its API, and keeping the two identical avoids surprises. Neither token is encrypted.
    private static IEnumerable<string> Destinations(Claim claim) => [OpenIddictConstants.Destinations.AccessToken, OpenIddictConstants.Destinations.IdentityToken];
}
