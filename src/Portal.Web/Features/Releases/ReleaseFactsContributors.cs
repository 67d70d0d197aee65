using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Flags;
using Portal.Domain.Releases;
using Portal.Domain.Versions;
using Portal.Web.Features.Flags;

namespace Portal.Web.Features.Releases;

/// <summary>When each model was last released (an approved request, any stage), for the "stale activity" rule.</summary>
public sealed class ReleaseFactsContributor : IModelFactsContributor
{
    public string Provides => FactKinds.Releases;

    public async Task ContributeAsync(PortalDbContext db, IReadOnlyDictionary<int, ModelFacts> facts, CancellationToken cancellationToken)
    {
        var released = await db.ReleaseRequests.AsNoTracking().Where(r => r.Status == ReleaseStatus.Approved)
            .GroupBy(r => r.ModelId).Select(g => new { ModelId = g.Key, Last = g.Max(r => r.ApprovedAt) })
            .ToListAsync(cancellationToken);
        foreach (var row in released)
        {
            if (facts.TryGetValue(row.ModelId, out var model))
            {
                model.LastReleaseAt = row.Last;
            }
        }
    }
}

/// <summary>
/// When the approval of the version now in Production expires, for the "revalidation due" rule. A version put in
/// Production by an Admin override has no approval, so no expiry (the CD approval check refuses it instead).
/// </summary>
public sealed class ApprovalFactsContributor : IModelFactsContributor
{
    public string Provides => FactKinds.Approvals;

    public async Task ContributeAsync(PortalDbContext db, IReadOnlyDictionary<int, ModelFacts> facts, CancellationToken cancellationToken)
    {
        var approvals = await (
            from r in db.ReleaseRequests.AsNoTracking()
            join v in db.ModelVersions.AsNoTracking() on r.VersionId equals v.Id
            where r.Status == ReleaseStatus.Approved && r.TargetStage == VersionStage.Production && v.Stage == VersionStage.Production
                && r.RevalidationDueAt != null
            group r by r.ModelId into g
            select new { ModelId = g.Key, Expires = g.Max(r => r.RevalidationDueAt) })
            .ToListAsync(cancellationToken);
        foreach (var row in approvals)
        {
            if (facts.TryGetValue(row.ModelId, out var model))
            {
                model.ProductionApprovalExpiresAt = row.Expires;
            }
        }
    }
}
