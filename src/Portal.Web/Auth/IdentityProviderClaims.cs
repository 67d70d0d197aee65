using System.Security.Claims;
using Microsoft.Extensions.Options;
using Portal.Domain.Access;

namespace Portal.Web.Auth;

/// <summary>Turns an identity provider's token claims into the portal's principal, through the configured group map.</summary>
public sealed class IdentityProviderClaims(IOptions<PortalAuthOptions> options, UserDirectoryService directory)
{
    private readonly RoleMapper mapper = new(options.Value.GroupRoleMap);

    /// <summary>The portal's principal for a provider's token, or null when the person is deactivated in the directory.</summary>
    public async Task<ClaimsPrincipal?> ToPortalPrincipalAsync(ClaimsPrincipal external, string authenticationType, CancellationToken cancellationToken)
    {
        var subject = external.FindFirst(PortalClaims.Subject)?.Value
            ?? throw new InvalidOperationException("The identity provider's token has no 'sub' claim.");
        var name = external.FindFirst(PortalClaims.Name)?.Value ?? external.FindFirst("preferred_username")?.Value ?? subject;
        var email = external.FindFirst(PortalClaims.Email)?.Value;
        var mapped = mapper.Map(GroupValues(external));
        var userName = external.FindFirst("preferred_username")?.Value;
        var roles = await directory.RecordSignInAsync(subject, name, email, mapped, userName, EmailVerified(external), cancellationToken);
        if (roles is null)
        {
            return null;
        }
        var authTime = external.FindAll(PortalClaims.AuthTime).Take(1);
        return PortalClaims.Create(authenticationType, subject, name, email, roles, authTime);
    }

    /// <summary>The provider's <c>email_verified</c>, when it sends one (true/false, as a JSON boolean or a string).</summary>
    public static bool? EmailVerified(ClaimsPrincipal external) =>
        bool.TryParse(external.FindFirst("email_verified")?.Value, out var verified) ? verified : null;

    /// <summary>Group claims arrive one per value or, from some providers, as one JSON array.</summary>
    private IEnumerable<string> GroupValues(ClaimsPrincipal external) =>
        external.FindAll(options.Value.RoleClaim).SelectMany(claim =>
            claim.Value.StartsWith('[')
                ? System.Text.Json.JsonSerializer.Deserialize<string[]>(claim.Value) ?? []
                : [claim.Value]);
}
