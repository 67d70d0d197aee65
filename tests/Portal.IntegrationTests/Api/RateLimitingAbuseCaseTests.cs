using System.Net;
using Microsoft.AspNetCore.Hosting;
using Portal.Domain.Access;
using Portal.IntegrationTests.Infrastructure;

namespace Portal.IntegrationTests.Api;

/// <summary>The portal with a limit of three requests a minute per caller, so that the limit is reached in a few calls.</summary>
public sealed class ThrottledPortalFactory : PortalFactory
{
    public const int PermitsPerMinute = 3;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("RateLimiting:PermitsPerMinute", PermitsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

/// <summary>Issue 13, item 8: a token cannot call the API (and write audit events) without limit.</summary>
public sealed class RateLimitingAbuseCaseTests(ThrottledPortalFactory portal) : IClassFixture<ThrottledPortalFactory>
{
    [Fact]
    public async Task A_token_over_its_limit_gets_429_with_retry_after_and_a_problem_detail()
    {
        var engineer = portal.ClientAs(PortalRoles.Engineer);
        for (var i = 0; i < ThrottledPortalFactory.PermitsPerMinute; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await engineer.GetAsync("/api/v1/models")).StatusCode);
        }

        var refused = await engineer.PostJsonAsync("/api/v1/models", HttpJson.NewModel("throttled-write"));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.True(refused.Headers.RetryAfter?.Delta is { TotalSeconds: >= 1 and <= 60 }, refused.Headers.RetryAfter?.ToString());
        Assert.Contains("requests a minute", (await refused.ReadJsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        // Refused before the endpoint: nothing was registered.
        Assert.Equal(HttpStatusCode.NotFound, (await portal.ClientAs(PortalRoles.Auditor).GetAsync("/api/v1/models/throttled-write")).StatusCode);
    }

    [Fact]
    public async Task Each_token_has_its_own_budget()
    {
        var manager = portal.ClientAs(PortalRoles.Manager);
        for (var i = 0; i < ThrottledPortalFactory.PermitsPerMinute; i++)
        {
            await manager.GetAsync("/api/v1/teams");
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, (await manager.GetAsync("/api/v1/teams")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await portal.ClientAs(PortalRoles.ComplianceReviewer).GetAsync("/api/v1/teams")).StatusCode);
    }

    [Fact]
    public async Task Scim_is_limited_too()
    {
        var admin = portal.ClientAs(PortalRoles.Admin);
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i <= ThrottledPortalFactory.PermitsPerMinute; i++)
        {
            answers.Add((await admin.GetAsync("/scim/v2/ServiceProviderConfig")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[^1]);
    }

    [Fact]
    public async Task Callers_without_a_valid_token_are_limited_by_address()
    {
        var stranger = portal.ClientAs(null);
        stranger.DefaultRequestHeaders.Authorization = new("Bearer", "guessed-token");
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i <= ThrottledPortalFactory.PermitsPerMinute; i++)
        {
            answers.Add((await stranger.GetAsync("/api/v1/models")).StatusCode);
        }
        Assert.All(answers[..^1], a => Assert.Equal(HttpStatusCode.Unauthorized, a));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[^1]);
    }
}
