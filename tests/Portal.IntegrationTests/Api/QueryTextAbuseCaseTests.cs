using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Access;
using Portal.IntegrationTests.Infrastructure;
using Portal.Web.Features.Admin;
using Portal.Web.Features.Shared;

namespace Portal.IntegrationTests.Api;

/// <summary>Issue 13, item 9 and issue 14: control characters in query text and pages past any offset are 400s, never 500s.</summary>
public sealed partial class QueryTextAbuseCaseTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private readonly HttpClient admin = portal.ClientAs(PortalRoles.Admin);

    [Theory]
    [InlineData("/api/v1/models?search=abc%00", "search")]
    [InlineData("/api/v1/models/export.csv?search=abc%00", "search")]
    [InlineData("/api/v1/models/export.xlsx?team=Credit%00Risk", "team")]
    [InlineData("/api/v1/models?tag=a%09b", "tag")]
    [InlineData("/api/v1/models?owner=x%7F", "owner")]
    [InlineData("/api/v1/audit/events?actor=abc%0D%0Aforged", "actor")]
    [InlineData("/api/v1/audit/events.csv?action=x%1B", "action")]
    [InlineData("/api/v1/flags?team=%00", "team")]
    [InlineData("/scim/v2/Users?filter=userName%20eq%20%22a%00%22", "filter")]
    [InlineData("/inventory/export.csv?search=abc%00", "search")]
    public async Task A_control_character_in_query_text_is_a_400_naming_the_parameter(string url, string parameter)
    {
        var response = await admin.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.ReadJsonAsync()).GetProperty("errors");
        Assert.Contains("control character", errors.GetProperty(parameter)[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_api_and_scim_endpoint_refuses_a_control_character_in_its_query()
    {
        var endpoints = portal.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && (raw.StartsWith("/api/v1", StringComparison.Ordinal) || raw.StartsWith("/scim/v2", StringComparison.Ordinal)))
            .ToList();
        Assert.True(endpoints.Count > 40, $"only {endpoints.Count} endpoints found");
        foreach (var endpoint in endpoints)
        {
            var method = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.FirstOrDefault() ?? "GET";
            var path = RouteParameter().Replace(endpoint.RoutePattern.RawText!, m => m.Value.Contains(":int", StringComparison.Ordinal) ? "1" : "x");
            using var request = new HttpRequestMessage(new HttpMethod(method), $"{path}?search=a%00b");
            var response = await admin.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{method} {path}: {response.StatusCode}");
            Assert.True((await response.ReadJsonAsync()).GetProperty("errors").TryGetProperty("search", out _), $"{method} {path} does not name the parameter");
        }
    }

    [Fact]
    public async Task The_service_refuses_a_control_character_in_search_text_too()
    {
        var models = portal.Services.GetRequiredService<Portal.Web.Features.Inventory.ModelService>();
        var actor = new Actor("reader", "Reader", new HashSet<string> { PortalRoles.Auditor });

        var refused = await Assert.ThrowsAsync<InputRejectedException>(() => models.SearchAsync(actor, new(Search: "abc\0")));

        Assert.True(refused.Errors.ContainsKey("search"));
    }

    [Theory]
    [InlineData("/api/v1/models?page=2147483647&pageSize=200")]
    [InlineData("/api/v1/audit/events?page=2147483647&pageSize=200")]
    [InlineData("/api/v1/releases?page=2147483647&pageSize=200")]
    [InlineData("/api/v1/flags?page=2147483647&pageSize=200")]
    public async Task A_page_whose_offset_overflows_is_a_400(string url)
    {
        var response = await admin.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("last page", (await response.ReadJsonAsync()).GetProperty("errors").GetProperty("page")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_last_page_that_fits_is_answered()
    {
        var response = await admin.GetAsync($"/api/v1/models?page={Paging.LastPage(200)}&pageSize=200");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, (await response.ReadJsonAsync()).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Control_characters_in_single_line_body_fields_are_refused()
    {
        var model = await admin.PostJsonAsync("/api/v1/models", new
        {
            key = "nul-name",
            name = "Churn\u0000",
            team = "Credit Risk",
            riskTier = "Low",
            status = "Development",
        });
        var team = await admin.PostJsonAsync("/api/v1/teams", new { name = "Fraud\u0007Ops" });
        var tokens = portal.Services.GetRequiredService<ServiceTokenService>();
        var token = await Assert.ThrowsAsync<InputRejectedException>(() =>
            tokens.IssueAsync(new Actor("a", "A", new HashSet<string> { PortalRoles.Admin }), "ci\u0000", PortalRoles.Engineer, 30));

        Assert.Equal(HttpStatusCode.BadRequest, model.StatusCode);
        Assert.True((await model.ReadJsonAsync()).GetProperty("errors").TryGetProperty("name", out _));
        Assert.Equal(HttpStatusCode.BadRequest, team.StatusCode);
        Assert.Contains("control characters", (await team.ReadJsonAsync()).GetProperty("errors").GetProperty("name")[0].GetString(), StringComparison.Ordinal);
        Assert.True(token.Errors.ContainsKey("name"));
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();
}
