using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Portal.Web.Features.Admin;

namespace Portal.Web.Auth;

/// <summary>Authenticates <c>Authorization: Bearer</c> service tokens, portal-issued or static; every use is audited.</summary>
public sealed class ServiceTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ServiceTokenService tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = BearerToken(Request.Headers.Authorization.ToString());
        if (token is null)
        {
            return AuthenticateResult.NoResult();
        }
        var holder = await tokens.AuthenticateAsync(token, $"{Request.Method} {Request.Path}", Context.RequestAborted);
        if (holder is null)
        {
            return AuthenticateResult.Fail("The service token is unknown, expired or revoked.");
        }
        var principal = PortalClaims.Create(Scheme.Name, holder.Subject, holder.Name, null, [holder.Role],
            [new Claim(PortalClaims.TokenKind, holder.Kind), .. holder.Teams.Select(team => new Claim(PortalClaims.TokenTeam, team))]);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    public static string? BearerToken(string header) =>
        header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header.Length > 7 ? header[7..].Trim() : null;
}
