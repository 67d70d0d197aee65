using System.Security.Claims;
using Portal.Domain.Access;

namespace Portal.Web.Auth;

/// <summary>The one shape of a signed-in principal, whatever signed it in: subject, name, e-mail, portal roles.</summary>
public static class PortalClaims
{
    public const string Subject = "sub";
    public const string Name = "name";
    public const string Email = "email";
    public const string Role = "role";
    public const string AuthTime = "auth_time";

    /// <summary>A service token's kind (static or issued); its presence marks the principal as a token.</summary>
    public const string TokenKind = "token_kind";

    /// <summary>A team a service token is scoped to, one claim per team.</summary>
    public const string TokenTeam = "token_team";

    public static ClaimsPrincipal Create(string authenticationType, string subject, string name, string? email,
        IEnumerable<string> roles, IEnumerable<Claim>? extra = null)
    {
        var identity = new ClaimsIdentity(authenticationType, Name, Role);
        identity.AddClaim(new Claim(Subject, subject));
        identity.AddClaim(new Claim(Name, name));
        if (!string.IsNullOrWhiteSpace(email))
        {
            identity.AddClaim(new Claim(Email, email));
        }
        identity.AddClaims(roles.Where(PortalRoles.IsKnown).Select(role => new Claim(Role, role)));
        identity.AddClaims(extra ?? []);
        return new ClaimsPrincipal(identity);
    }

    /// <summary>The actor a principal stands for. Role claims that are not portal roles are ignored (fail closed).</summary>
    public static Actor ToActor(this ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true)
        {
            return new Actor(ReservedSubjects.Anonymous, "Anonymous", new HashSet<string>());
        }
        var subject = principal.FindFirst(Subject)?.Value ?? "unknown";
        var roles = principal.FindAll(Role).Select(c => c.Value).Where(PortalRoles.IsKnown).ToHashSet(StringComparer.Ordinal);
        return new Actor(subject, principal.FindFirst(Name)?.Value ?? subject, roles)
        {
            TokenTeams = principal.HasClaim(c => c.Type == TokenKind)
                ? principal.FindAll(TokenTeam).Select(c => c.Value).ToHashSet(StringComparer.Ordinal)
                : null,
        };
    }
}
