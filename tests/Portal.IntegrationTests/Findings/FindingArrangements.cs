using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Domain.Access;
using Portal.Domain.Audit;
using Portal.Domain.Findings;
using Portal.IntegrationTests.Releases;
using Portal.Web.Features.Findings;

namespace Portal.IntegrationTests.Findings;

/// <summary>Findings arranged through the real service on a release test model, whose primary owner "owner-{key}" remediates.</summary>
internal static class FindingArrangements
{
    public static readonly Actor Raiser = ReleasePortal.Reviewer("finding-raiser");
    public static readonly Actor Closer = ReleasePortal.Reviewer("finding-closer");

    public static FindingService Findings(this ReleasePortal portal) => portal.App.Services.GetRequiredService<FindingService>();

    public static Actor OwnerOf(string key) => ReleasePortal.Engineer($"owner-{key}");

    public static FindingDetails Details(ReleasePortal portal, string key, FindingSeverity severity = FindingSeverity.High) =>
        new($"Holdout overlaps ({severity})", severity, "The holdout shares weeks with the training data.", $"owner-{key}",
            DateOnly.FromDateTime(portal.Now).AddDays(14));

    public static Task<FindingView> RaiseAsync(this ReleasePortal portal, string key, FindingSeverity severity = FindingSeverity.High) =>
        portal.Findings().RaiseAsync(Raiser, key, Details(portal, key, severity));

    public static async Task<FindingView> RemediatedAsync(this ReleasePortal portal, string key, FindingSeverity severity = FindingSeverity.High)
    {
        var raised = await portal.RaiseAsync(key, severity);
        return await portal.Findings().RemediateAsync(OwnerOf(key), raised.Id, "Re-ran the back-test on a clean holdout.",
            [new EvidenceInput(EvidenceKind.Version, "2.0.0")], raised.Revision);
    }

    public static async Task<List<AuditEvent>> FindingEventsAsync(this ReleasePortal portal, Guid id)
    {
        await using var db = await portal.App.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.AuditEvents.AsNoTracking().Where(a => a.EntityType == "Finding" && a.EntityId == id.ToString()).OrderBy(a => a.Sequence).ToListAsync();
    }

    public static async Task<int> FindingRowsAsync(this ReleasePortal portal, string key)
    {
        await using var db = await portal.App.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.Findings.CountAsync(f => f.ModelKey == key);
    }

    public static async Task<List<(string Recipient, string Title, string? Link)>> NotificationsAsync(this ReleasePortal portal, string category = "Finding")
    {
        await using var db = await portal.App.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return [.. (await db.Notifications.AsNoTracking().Where(n => n.Category == category).ToListAsync()).Select(n => (n.RecipientSubject, n.Title, n.Link))];
    }
}
