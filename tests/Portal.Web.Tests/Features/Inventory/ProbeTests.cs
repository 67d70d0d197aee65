using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Features.Inventory;

public class ProbeTests : PortalTestContext
{
    [Fact]
    public async Task Probe()
    {
        var state = await Services.GetRequiredService<AuthenticationStateProvider>().GetAuthenticationStateAsync();
        var text = string.Join("\n", state.User.Claims.Select(c => c.Type + "=" + c.Value)) + "\n" + state.User.Identity?.AuthenticationType + state.User.Identity?.IsAuthenticated;
        File.WriteAllText("/tmp/probe.txt", text);
    }
}
