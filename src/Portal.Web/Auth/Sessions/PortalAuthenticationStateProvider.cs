using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;

namespace Portal.Web.Auth.Sessions;

/// <summary>
/// The authentication state of an open page (a Blazor circuit). The cookie is read once when the circuit starts, so
/// the circuit rechecks, every <see cref="SessionOptions.RevalidationInterval"/>, that its person is still active and
/// its session still open; <see cref="LiveCircuits"/> ends it at once when the deactivation happens on this instance.
/// </summary>
public sealed class PortalAuthenticationStateProvider(ILoggerFactory loggerFactory, SessionStore sessions, ActiveUserCheck activeUsers,
    IOptions<PortalAuthOptions> options) : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => options.Value.Session.RevalidationInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        var user = authenticationState.User;
        if (user.Identity?.IsAuthenticated != true)
        {
            return true;
        }
        var subject = user.FindFirst(PortalClaims.Subject)?.Value;
        return subject is not null
            && await sessions.IsOpenAsync(user, fresh: true, cancellationToken)
            && await activeUsers.IsActiveNowAsync(subject, cancellationToken);
    }

    /// <summary>Signs the circuit out now: every page and service call that follows sees an anonymous person.</summary>
    public void EndNow() => SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));
}
