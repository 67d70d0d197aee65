using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Releases;
using Portal.Domain.Versions;

namespace Portal.Web.Features.Releases;

/// <summary>An approved production release of a version that is still in Production.</summary>
public sealed record CurrentProductionApproval(int ModelId, int VersionId, int RequestId, DateTime? ApprovedAt, DateTime? RevalidationDueAt);

/// <summary>
/// The one query behind "which approval keeps each production version in production": the release list for people and
/// the flag scanner's "revalidation due" facts both read it, so they cannot disagree. The newest approval of a version counts.
/// </summary>
public static class CurrentProductionApprovals
{
    public static async Task<IReadOnlyDictionary<int, CurrentProductionApproval>> ByVersionAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        var approvals = await (
            from r in db.ReleaseRequests.AsNoTracking()
            join v in db.ModelVersions.AsNoTracking() on r.VersionId equals v.Id
            where r.Status == ReleaseStatus.Approved && r.TargetStage == VersionStage.Production && v.Stage == VersionStage.Production
            select new CurrentProductionApproval(r.ModelId, r.VersionId, r.Id, r.ApprovedAt, r.RevalidationDueAt))
            .ToListAsync(cancellationToken);
        return approvals.GroupBy(a => a.VersionId).ToDictionary(g => g.Key, g => g.MaxBy(a => a.ApprovedAt)!);
    }
}
