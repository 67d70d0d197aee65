using Portal.Domain.Access;
using Portal.IntegrationTests.Infrastructure;

namespace Portal.IntegrationTests.Auth;

/// <summary>Issue 13, item 8: a busy token cannot flood the audit trail with one event per request.</summary>
public sealed class ServiceTokenAbuseCaseTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Fifty_requests_of_a_token_are_one_event_per_minute_with_their_count()
    {
        var before = await ServiceTokenUses.EventCountsAsync(portal, "test-engineer");
        var engineer = portal.ClientAs(PortalRoles.Engineer);
        for (var i = 0; i < 50; i++)
        {
            (await engineer.GetAsync("/api/v1/models")).EnsureSuccessStatusCode();
        }

        var after = await ServiceTokenUses.EventCountsAsync(portal, "test-engineer");

        var written = after.Count - before.Count;
        // One event per minute the fifty requests spanned: one, or two if a minute ended between them.
        Assert.InRange(written, 1, 2);
        Assert.Equal(before.Sum() + 50, after.Sum());
    }
}
