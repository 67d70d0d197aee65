using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Releases;
using Portal.Domain.Versions;

namespace Portal.Web.Features.Releases;

/// <summary>
/// An approved production release of a version that is still in Production. <see cref="Problem"/> is set when the approval,
/// recomputed from its signatures, does not hold (a signature fails verification, the frozen policy is not met); its
/// revalidation is then due at once, so the stale-model checks flag it rather than trust it.
/// </summary>
public sealed record CurrentProductionApproval(int ModelId, int VersionId, int RequestId, DateTime? ApprovedAt, DateTime? RevalidationDueAt, string? Problem);

/// <summary>
/// The one query behind "which approval keeps each production version in production": the release list for people and
/// the flag scanner's "revalidation due" facts both read it, so they cannot disagree. The newest approval of a version counts,
/// recomputed from its signatures against the policy frozen with the request.
/// </summary>
public static class CurrentProductionApprovals
{
    public static async Task<IReadOnlyDictionary<int, CurrentProductionApproval>> ByVersionAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        var requests = await (
            from r in db.ReleaseRequests.AsNoTracking().Include(r => r.Signatures)
            join v in db.ModelVersions.AsNoTracking() on r.VersionId equals v.Id
            where r.TargetStage == VersionStage.Production && v.Stage == VersionStage.Production
                && (r.Status == ReleaseStatus.Approved || r.Signatures.Any(s => s.Approves))
            select new { Request = r, Version = v }).ToListAsync(cancellationToken);
        var newest = requests.GroupBy(p => p.Request.VersionId).Select(g => g.MaxBy(p => p.Request.ApprovedAt ?? DateTime.MinValue)!).ToList();
        var versions = newest.ToDictionary(p => p.Version.Id, p => p.Version);
        var requestIds = newest.Select(p => p.Request.Id).ToList();
        var recorders = (await db.GateExceptions.AsNoTracking().Where(e => requestIds.Contains(e.RequestId)).Select(e => new { e.RequestId, e.RecordedBy })
            .ToListAsync(cancellationToken)).ToLookup(e => e.RequestId, e => e.RecordedBy);
        return newest.Select(p => p.Request).ToDictionary(r => r.VersionId, r =>
        {
            var judged = ReleaseApproval.Judge(r, SignedVersion.From(versions[r.VersionId]), recorders[r.Id].ToHashSet(StringComparer.Ordinal));
            return judged.Approved
                ? new CurrentProductionApproval(r.ModelId, r.VersionId, r.Id, judged.ApprovedAt, judged.RevalidationDueAt, null)
                : new CurrentProductionApproval(r.ModelId, r.VersionId, r.Id, r.ApprovedAt, r.ApprovedAt ?? r.RequestedAt, string.Join(" ", judged.Reasons));
        });
    }
}
