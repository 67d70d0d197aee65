using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Domain.Access;
using Portal.IntegrationTests.Infrastructure;
using Portal.IntegrationTests.Releases;

namespace Portal.IntegrationTests.Scope;

/// <summary>
/// Issue 13, items 1 and 4: a model's classification does not move under a pending release, and retiring a model withdraws
/// its pending releases (audited with the reason, requesters told) in the same transaction.
/// </summary>
public sealed class ModelRetirementAbuseCaseTests : IDisposable
{
    private readonly ReleasePortal portal = new();

    [Fact]
    public async Task The_tier_cannot_be_lowered_while_a_release_is_pending()
    {
        var key = await portal.ModelAsync("High", "eng-pending");
        await portal.RequestAsync(key, "eng-pending");

        var response = await portal.ClientAs(PortalRoles.ComplianceReviewer).PutJsonAsync($"/api/v1/models/{key}/classification",
            new { riskTier = "Low", team = $"Team {key}", reason = "cheaper review", revision = 1 });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("pending release request", (await response.ReadJsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        var model = await (await portal.ClientAs(PortalRoles.Admin).GetAsync($"/api/v1/models/{key}")).ReadJsonAsync();
        Assert.Equal("High", model.GetProperty("riskTier").GetString());
    }

    [Fact]
    public async Task Retiring_a_model_withdraws_its_pending_releases_and_tells_the_requesters()
    {
        var key = await portal.ModelAsync("High", "eng-retire");
        var production = await portal.RequestAsync(key, "eng-retire");
        var staging = await portal.RequestAsync(key, "eng-retire", stage: "Staging");

        // The Staging version moved the model's status to Validation, so the model is read again for its revision.
        var model = await (await portal.ClientAs(PortalRoles.Admin).GetAsync($"/api/v1/models/{key}")).ReadJsonAsync();

        var retired = await portal.ClientAs(PortalRoles.Admin).PostJsonAsync($"/api/v1/models/{key}/retire",
            new { reason = "Replaced by a new model.", revision = model.GetProperty("revision").GetInt32() });

        Assert.Equal(HttpStatusCode.OK, retired.StatusCode);
        await using var db = await portal.App.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var requests = await db.ReleaseRequests.AsNoTracking().Where(r => r.Id == production || r.Id == staging).ToListAsync();
        Assert.All(requests, r => Assert.Equal(("Withdrawn", "model retired"), (r.Status.ToString(), r.WithdrawalReason)));
        var withdrawals = await db.AuditEvents.AsNoTracking().Where(a => a.ModelKey == key && a.Action == "Release.Withdrawn").ToListAsync();
        Assert.Equal(2, withdrawals.Count);
        Assert.All(withdrawals, a => Assert.Contains("model retired", a.After, StringComparison.Ordinal));
        var told = await db.Notifications.AsNoTracking().Where(n => n.RecipientSubject == "eng-retire" && n.Category == Portal.Web.Features.Releases.ReleaseNotifications.Category && n.Title.Contains(key)).CountAsync();
        Assert.Equal(2, told);
    }

    public void Dispose() => portal.Dispose();
}
