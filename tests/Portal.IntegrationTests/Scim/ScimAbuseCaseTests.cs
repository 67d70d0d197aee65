using System.Net;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.IntegrationTests.Infrastructure;
using Portal.Web.Auth;
using static Portal.IntegrationTests.Scim.ScimClient;

namespace Portal.IntegrationTests.Scim;

/// <summary>Issue 13, item 12: a provisioned person cannot pass for the portal's own actors, nor be claimed by an unverified e-mail.</summary>
public sealed class ScimAbuseCaseTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("service:test-admin")]
    [InlineData("Service:ci-pipeline")]
    [InlineData("scim:7")]
    [InlineData("system")]
    [InlineData("anonymous")]
    public async Task An_externalId_in_the_portals_own_subjects_is_a_scim_400_and_creates_nobody(string externalId)
    {
        var userName = Unique("impostor");

        var response = await new ScimClient(portal).SendAsync(HttpMethod.Post, Users, NewUser(userName, externalId));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await JsonOf(response);
        Assert.Equal("invalidValue", error.GetProperty("scimType").GetString());
        Assert.Contains("externalId", error.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await using var db = await Db();
        Assert.False(await db.Users.AnyAsync(u => u.UserName == userName || u.Subject == externalId));
    }

    [Fact]
    public async Task Replacing_a_users_externalId_with_a_service_subject_is_refused_too()
    {
        var scim = new ScimClient(portal);
        var userName = Unique("replaced");
        var created = await scim.CreateAsync(userName, externalId: $"sub-{userName}");

        var response = await scim.SendAsync(HttpMethod.Put, $"{Users}/{Id(created)}", NewUser(userName, "service:test-admin"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await using var db = await Db();
        Assert.Equal($"sub-{userName}", (await db.Users.SingleAsync(u => u.UserName == userName)).Subject);
    }

    [Fact]
    public async Task A_sign_in_whose_email_the_provider_has_not_verified_does_not_take_over_a_provisioned_account()
    {
        var email = Unique("victim");
        await new ScimClient(portal).CreateAsync(email);

        await SignInAtProviderAsync("attacker-subject", email, emailVerified: "false");

        await using var db = await Db();
        var provisioned = await db.Users.SingleAsync(u => u.UserName == email);
        Assert.True(provisioned.IsPendingLink);
        Assert.True(await db.Users.AnyAsync(u => u.Subject == "attacker-subject" && u.UserName == null));
    }

    [Theory]
    [InlineData("true")]
    [InlineData(null)]
    public async Task A_verified_or_unstated_email_links_the_provisioned_account(string? emailVerified)
    {
        var email = Unique("linked");
        await new ScimClient(portal).CreateAsync(email);
        var subject = "idp-" + Guid.NewGuid().ToString("N");

        await SignInAtProviderAsync(subject, email, emailVerified);

        await using var db = await Db();
        Assert.Equal(subject, (await db.Users.SingleAsync(u => u.UserName == email)).Subject);
    }

    private async Task SignInAtProviderAsync(string subject, string email, string? emailVerified)
    {
        List<Claim> claims = [new("sub", subject), new("name", "Someone"), new("email", email)];
        if (emailVerified is not null)
        {
            claims.Add(new Claim("email_verified", emailVerified, ClaimValueTypes.Boolean));
        }
        using var scope = portal.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<IdentityProviderClaims>()
            .ToPortalPrincipalAsync(new ClaimsPrincipal(new ClaimsIdentity(claims, "oidc")), PortalAuthSchemes.Oidc, CancellationToken.None);
    }

    private async Task<PortalDbContext> Db() =>
        await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
}
