using System.Net;
using Portal.Domain.Access;
using Portal.IntegrationTests.Infrastructure;

namespace Portal.IntegrationTests.Auth;

/// <summary>Every API endpoint for every role, anonymous included: allowed, 401 or 403 as designed.</summary>
public sealed class AuthorizationMatrixTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string Anonymous = "anonymous";
    private static readonly string[] Everyone = [.. PortalRoles.All];
    private static readonly string[] Writers = [PortalRoles.Admin, PortalRoles.Manager, PortalRoles.Engineer];
    private static readonly string[] Retirers = [PortalRoles.Admin, PortalRoles.Manager];
    private static readonly string[] TrailReaders = [PortalRoles.Admin, PortalRoles.Auditor, PortalRoles.ComplianceReviewer];
    private static readonly string[] Verifiers = [PortalRoles.Admin, PortalRoles.Auditor];

    public static TheoryData<string, string, string> Matrix()
    {
        var data = new TheoryData<string, string, string>();
        var endpoints = new (string Method, string Path, string[] Allowed)[]
        {
            ("GET", "/api/v1/models", Everyone),
            ("GET", "/api/v1/models/{key}", Everyone),
            ("POST", "/api/v1/models", Writers),
            ("PUT", "/api/v1/models/{key}", Writers),
            ("POST", "/api/v1/models/{key}/retire", Retirers),
            ("GET", "/api/v1/audit/events", TrailReaders),
            ("GET", "/api/v1/audit/events.csv", TrailReaders),
            ("GET", "/api/v1/audit/verify", Verifiers),
            ("GET", "/api/v1/audit/digest", Verifiers),
            ("GET", "/api/v1/notifications/mine", Everyone),
            ("GET", "/scim/v2/Users", [PortalRoles.Admin]),
        };
        foreach (var (method, path, allowed) in endpoints)
        {
            foreach (var role in Everyone.Append(Anonymous))
            {
                var expected = role == Anonymous ? "401" : allowed.Contains(role) ? "allowed" : "403";
                data.Add($"{method} {path}", role, expected);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Endpoint_answers_each_role_as_designed(string endpoint, string role, string expected)
    {
        var key = $"matrix-{Guid.NewGuid():N}"[..30];
        await portal.ClientAs(PortalRoles.Admin).PostJsonAsync("/api/v1/models", HttpJson.NewModel(key));
        var client = portal.ClientAs(role == Anonymous ? null : role);
        var (method, path) = (endpoint.Split(' ')[0], endpoint.Split(' ')[1].Replace("{key}", key, StringComparison.Ordinal));

        var response = method switch
        {
            "GET" => await client.GetAsync(path),
            "PUT" => await client.PutJsonAsync(path, new { name = "Renamed", team = "Fraud", riskTier = "Low", status = "Development", revision = 1 }),
            _ when path.EndsWith("/retire", StringComparison.Ordinal) => await client.PostJsonAsync(path, new { reason = "matrix", revision = 1 }),
            _ => await client.PostJsonAsync(path, HttpJson.NewModel($"{key}-new")),
        };

        switch (expected)
        {
            case "401":
                Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
                break;
            case "403":
                Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
                break;
            default:
                Assert.True(response.IsSuccessStatusCode, $"{role} on {endpoint}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                break;
        }
    }

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
        Assert.Contains("Admin, Manager, Engineer", detail, StringComparison.Ordinal);

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
