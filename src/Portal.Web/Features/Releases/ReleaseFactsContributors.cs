using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Flags;
using Portal.Domain.Releases;
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
        var approvals = await CurrentProductionApprovals.ByVersionAsync(db, cancellationToken);
        foreach (var approval in approvals.Values)
        {
            if (facts.TryGetValue(approval.ModelId, out var model))
            {
                model.ProductionApprovalExpiresAt = approval.RevalidationDueAt;
            }
        }
    }
}
