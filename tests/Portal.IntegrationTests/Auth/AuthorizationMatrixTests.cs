using System.Net;
using Portal.Domain.Access;
using Portal.IntegrationTests.Infrastructure;

namespace Portal.IntegrationTests.Auth;

/// <summary>Unknown tokens, explained denials and the pages' sign-in redirect; the endpoint-by-role table is <see cref="EndpointAuthorizationMatrixTests"/>.</summary>
public sealed class AuthorizationMatrixTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task An_unknown_bearer_token_is_401()
    {
        var client = portal.ClientAs(null);
        client.DefaultRequestHeaders.Authorization = new("Bearer", "mgp_not-a-real-token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/models")).StatusCode);
    }

    [Fact]
    public async Task A_denial_is_audited_and_explains_the_missing_role()
    {
        var auditor = portal.ClientAs(PortalRoles.Auditor);
        var response = await auditor.PostJsonAsync("/api/v1/models", HttpJson.NewModel("denied-probe"));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var detail = (await response.ReadJsonAsync()).GetProperty("detail").GetString();
        Assert.Contains("needs the Admin, Manager or Engineer role", detail, StringComparison.Ordinal);

        var trail = await (await auditor.GetAsync("/api/v1/audit/events?action=Access.Denied&actor=service:test-auditor")).ReadJsonAsync();
        var denial = trail.GetProperty("items").EnumerateArray().First();
        Assert.Equal("RegisterModel", denial.GetProperty("entityId").GetString());
        Assert.Contains("denied-probe", denial.GetProperty("after").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_web_pages_send_an_anonymous_person_to_sign_in()
    {
        var response = await portal.ClientAs(null).GetAsync("/models");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
    }
}
