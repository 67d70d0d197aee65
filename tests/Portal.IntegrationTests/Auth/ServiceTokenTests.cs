using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Access;
using Portal.IntegrationTests.Infrastructure;
using Portal.Web.Features.Admin;
using Portal.Web.Features.Shared;

namespace Portal.IntegrationTests.Auth;

[Trait("Category", TestEngine.SqliteOnly)]
public sealed class ServiceTokenTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static readonly Actor Admin = new("admin-1", "Ada Admin", new HashSet<string> { PortalRoles.Admin });

    private ServiceTokenService Tokens => portal.Services.GetRequiredService<ServiceTokenService>();

    [Fact]
    public async Task An_issued_token_works_for_its_role_until_revoked_and_is_stored_only_as_a_hash()
    {
        _ = portal.Server;
        var (token, secret) = await Tokens.IssueAsync(Admin, "ci-fraud", PortalRoles.Engineer, 30, ["Credit Risk"]);
        Assert.Equal(["Credit Risk"], token.Teams);
        Assert.StartsWith("mgp_", secret, StringComparison.Ordinal);
        var client = portal.ClientAs(null);
        client.DefaultRequestHeaders.Authorization = new("Bearer", secret);

        Assert.Equal(HttpStatusCode.Created, (await client.PostJsonAsync("/api/v1/models", HttpJson.NewModel("issued-token-probe"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostJsonAsync("/api/v1/models", HttpJson.NewModel("issued-token-fraud", "Fraud"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/audit/verify")).StatusCode);

        await using (var connection = portal.OpenDatabase())
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT COUNT(*) FROM ServiceTokens WHERE TokenHash = $secret OR Prefix = $secret";
            command.Parameters.AddWithValue("$secret", secret);
            Assert.Equal(0L, (long)(await command.ExecuteScalarAsync())!);
        }

        await Tokens.RevokeAsync(Admin, token.Id);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/models")).StatusCode);
        await Assert.ThrowsAsync<ConflictException>(() => Tokens.RevokeAsync(Admin, token.Id));
    }

    [Fact]
    public async Task Every_use_of_a_token_is_counted_in_the_trail()
    {
        var client = portal.ClientAs(PortalRoles.Manager);
        var before = await CountUsesAsync("test-manager");
        await client.GetAsync("/api/v1/models");
        await client.GetAsync("/api/v1/models?search=x");
        Assert.Equal(before + 2, await CountUsesAsync("test-manager"));
    }

    [Fact]
    public async Task Only_an_admin_issues_tokens_and_a_refusal_is_audited()
    {
        _ = portal.Server;
        var engineer = new Actor("eng-1", "Eve Engineer", new HashSet<string> { PortalRoles.Engineer });
        var denied = await Assert.ThrowsAsync<AccessDeniedException>(() => Tokens.IssueAsync(engineer, "sneaky", PortalRoles.Admin, 30));
        Assert.Contains("Admin", denied.Message, StringComparison.Ordinal);
        var trail = await (await portal.ClientAs(PortalRoles.Auditor).GetAsync("/api/v1/audit/events?actor=eng-1&action=Access.Denied")).ReadJsonAsync();
        Assert.Equal(1, trail.GetProperty("totalCount").GetInt32());
    }

    [Theory]
    [InlineData("", "Engineer", 30, "name")]
    [InlineData("ok-name", "Superuser", 30, "role")]
    [InlineData("ok-name", "Engineer", 0, "lifetimeDays")]
    [InlineData("ok-name", "Engineer", 366, "lifetimeDays")]
    public async Task Bad_token_requests_get_field_errors(string name, string role, int days, string field)
    {
        _ = portal.Server;
        var rejected = await Assert.ThrowsAsync<InputRejectedException>(() => Tokens.IssueAsync(Admin, name, role, days));
        Assert.True(rejected.Errors.ContainsKey(field));
    }

    /// <summary>The uses of a token the trail records: the sum of the counts of its ServiceToken.Used events, once the tallies are written.</summary>
    private async Task<int> CountUsesAsync(string tokenName) => await ServiceTokenUses.CountAsync(portal, tokenName);
}
