using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Domain.Access;
using Portal.Domain.Directory;
using Portal.IntegrationTests.Flags;
using Portal.IntegrationTests.Infrastructure;
using Portal.IntegrationTests.Ownership;
using Portal.IntegrationTests.Scim;
using Portal.Web.Auth;
using Portal.Web.Auth.Sessions;
using Portal.Web.Features.Flags;
using static Portal.IntegrationTests.Scim.ScimClient;

namespace Portal.IntegrationTests.Auth;

/// <summary>Issue 13, item 5: access does not outlive a deactivation, in open pages or in writes.</summary>
public sealed class DeactivationAbuseCaseTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static readonly Actor Rita = new("demo-rita", "Rita Reviewer", new HashSet<string> { PortalRoles.ComplianceReviewer });

    [Fact]
    public async Task A_person_deactivated_over_scim_cannot_acknowledge_a_flag_with_the_actor_of_their_open_page()
    {
        var owners = new OwnershipArrange(portal);
        var flags = new FlagArrange(portal);
        await owners.TeamManagedByTestManagerAsync("Deactivation Team");
        await owners.ModelAsync("deactivated-ack", "Deactivation Team");
        await flags.ScanAsync();
        var id = await flags.FlagIdAsync("deactivated-ack", "orphaned");
        await DevelopmentBrowser.Open(portal).SignInAsync(Rita.Id);

        await DeactivateOverScimAsync("rita@example.test");

        var refused = await Assert.ThrowsAsync<AccessDeniedException>(() => portal.Services.GetRequiredService<FlagService>().AcknowledgeAsync(Rita, id));
        Assert.Contains("deactivated", refused.Message, StringComparison.Ordinal);
        Assert.Single(await flags.FlagsAsync("deactivated-ack"), f => f.GetProperty("id").GetInt32() == id);
    }

    [Fact]
    public async Task A_deactivation_ends_the_persons_open_circuits_at_once_and_revokes_their_sessions()
    {
        var browser = DevelopmentBrowser.Open(portal);
        await browser.SignInAsync("demo-eric");
        using var scope = portal.Services.CreateScope();
        var circuit = await OpenCircuitAsync(scope.ServiceProvider, "demo-eric");

        await DeactivateOverScimAsync("eric@example.test");

        Assert.False((await circuit.GetAuthenticationStateAsync()).User.Identity?.IsAuthenticated);
        Assert.Equal(0, scope.ServiceProvider.GetRequiredService<LiveCircuits>().CountFor("demo-eric"));
        await using var db = await Db();
        Assert.All(await db.Set<UserSession>().Where(s => s.Subject == "demo-eric").ToListAsync(), s => Assert.Equal("deactivated", s.RevokedBecause));
        Assert.False(await browser.IsSignedInAsync());
    }

    [Fact]
    public async Task An_open_circuit_becomes_unauthenticated_at_its_revalidation_when_its_session_was_revoked_elsewhere()
    {
        using var host = portal.WithWebHostBuilder(b => b.UseSetting("Auth:Session:RevalidationInterval", "00:00:00.200"));
        await DevelopmentBrowser.Open(host).SignInAsync("demo-mona");
        using var scope = host.Services.CreateScope();
        var circuit = await OpenCircuitAsync(scope.ServiceProvider, "demo-mona");
        var signedOut = new TaskCompletionSource<bool>();
        circuit.AuthenticationStateChanged += async state => signedOut.TrySetResult((await state).User.Identity?.IsAuthenticated == true);

        // Another portal instance deactivated Mona: this instance hears of it only through the database.
        await using (var db = await Db())
        {
            await db.Database.ExecuteSqlRawAsync("UPDATE Users SET IsActive = 0 WHERE Subject = 'demo-mona'");
        }

        Assert.False(await signedOut.Task.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    /// <summary>A circuit as Blazor opens it: the state taken from the request's cookie, then the circuit handlers told.</summary>
    private async Task<PortalAuthenticationStateProvider> OpenCircuitAsync(IServiceProvider services, string subject)
    {
        await using var db = await Db();
        var session = await db.Set<UserSession>().Where(s => s.Subject == subject && s.RevokedAt == null).OrderByDescending(s => s.CreatedAt).FirstAsync();
        var user = PortalClaims.Create("development", subject, subject, null, [PortalRoles.Engineer], [new Claim(SessionStore.Claim, session.Id)]);
        var provider = (PortalAuthenticationStateProvider)services.GetRequiredService<AuthenticationStateProvider>();
        provider.SetAuthenticationState(Task.FromResult(new AuthenticationState(user)));
        foreach (var handler in services.GetServices<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler>())
        {
            await handler.OnCircuitOpenedAsync(null!, CancellationToken.None);
        }
        Assert.True((await provider.GetAuthenticationStateAsync()).User.Identity?.IsAuthenticated);
        return provider;
    }

    private async Task DeactivateOverScimAsync(string userName)
    {
        var scim = new ScimClient(portal);
        var lookup = await JsonOf(await scim.SendAsync(HttpMethod.Get, $"{Users}?filter={Uri.EscapeDataString($"userName eq \"{userName}\"")}"));
        var id = Id(lookup.GetProperty("Resources")[0]);
        var patched = await scim.SendAsync(HttpMethod.Patch, $"{Users}/{id}", Patch(new { op = "replace", value = new { active = false } }));
        Assert.True(patched.IsSuccessStatusCode, await patched.Content.ReadAsStringAsync());
    }

    private async Task<PortalDbContext> Db() =>
        await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
}
