using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.IntegrationTests.Infrastructure;
using Portal.Web.Features.Admin;
using Microsoft.EntityFrameworkCore;

namespace Portal.IntegrationTests.Auth;

/// <summary>Reads a token's ServiceToken.Used events from the database after writing the tallies, as the minute's end would.</summary>
internal static class ServiceTokenUses
{
    public static async Task<List<int>> EventCountsAsync(PortalFactory portal, string tokenName)
    {
        await portal.Services.GetRequiredService<TokenUseTally>().FlushAsync();
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var details = await db.AuditEvents.AsNoTracking()
            .Where(e => e.Action == "ServiceToken.Used" && e.ActorId == $"service:{tokenName}")
            .Select(e => e.After!)
            .ToListAsync();
        return [.. details.Select(d => JsonDocument.Parse(d).RootElement.GetProperty("count").GetInt32())];
    }

    public static async Task<int> CountAsync(PortalFactory portal, string tokenName) => (await EventCountsAsync(portal, tokenName)).Sum();
}
