using Microsoft.AspNetCore.Components.Authorization;
using Portal.Domain.Access;

namespace Portal.Web.Auth;

/// <summary>The actor of the current circuit or request, for pages to hand to services.</summary>
public sealed class ActorAccessor(AuthenticationStateProvider authentication)
{
    public async Task<Actor> GetAsync() => (await authentication.GetAuthenticationStateAsync()).User.ToActor();
}
