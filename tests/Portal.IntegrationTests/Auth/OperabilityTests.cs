using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Portal.IntegrationTests.Infrastructure;

namespace Portal.IntegrationTests.Auth;

public sealed class OperabilityTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("/health")]
    [InlineData("/health/ready")]
    public async Task Health_endpoints_answer_healthy_without_signing_in(string path)
    {
        var response = await portal.ClientAs(null).GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Pages_carry_a_content_security_policy_and_other_security_headers()
    {
        var response = await portal.ClientAs(null).GetAsync("/account/login");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }

    [Fact]
    public async Task The_development_sign_in_lists_the_demo_users_outside_production()
    {
        var html = await portal.ClientAs(null).GetStringAsync("/account/login");
        Assert.Contains("Development sign-in", html, StringComparison.Ordinal);
        Assert.Contains("Audrey Auditor", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_api_with_bearer_security()
    {
        var document = await (await portal.ClientAs(null).GetAsync("/openapi/v1.json")).ReadJsonAsync();
        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/models", out _));
        Assert.True(paths.TryGetProperty("/api/v1/audit/verify", out _));
        Assert.True(document.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("Bearer", out _));
        var reference = await portal.ClientAs(null).GetAsync("/scalar/v1");
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
    }

    [Fact]
    public void Production_refuses_to_start_without_an_identity_provider()
    {
        using var production = new PortalFactory().WithWebHostBuilder(b => b.UseEnvironment("Production"));
        var failure = Assert.ThrowsAny<Exception>(() => production.CreateClient());
        Assert.Contains("Auth:Oidc:Authority", failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_page_count_limit_below_the_largest_page_stops_the_start_with_the_key_named()
    {
        using var misconfigured = new PortalFactory().WithWebHostBuilder(b => b.UseSetting("Inventory:PageCountLimit", "10"));
        var failure = Assert.ThrowsAny<Exception>(() => misconfigured.CreateClient());
        Assert.Contains("Inventory:PageCountLimit must be at least 200", failure.ToString(), StringComparison.Ordinal);
    }
}
