using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Ownership;
using Portal.Domain.PointInTime;
using Portal.Domain.Releases;
using Portal.Domain.Versions;

namespace Portal.Web.Features.PointInTime;

/// <summary>
/// Owners, open flags, card revision in force and production approvals at the moment for a page of models: one query each,
/// filtered by the page's ids for an ordinary page, or by time alone for a page of thousands (the time columns are indexed).
/// </summary>
internal static class InventoryFactsReader
{
    private const int IdListLimit = 500;

    public static async Task<Func<int, InventoryFacts>> ReadAsync(PortalDbContext db, DateTime asOf, IReadOnlyList<FoldedModel> page,
        CancellationToken cancellationToken)
    {
        if (page.Count == 0)
        {
            return _ => InventoryFacts.None;
        }
        var ids = page.Select(p => p.ModelId).ToList();
        var byIds = ids.Count <= IdListLimit;

        var owners = db.OwnershipAssignments.AsNoTracking().Where(o => o.AssignedAt <= asOf && (o.EndedAt == null || o.EndedAt > asOf));
        var flags = db.Flags.AsNoTracking().Where(f => f.RaisedAt <= asOf && (f.ResolvedAt == null || f.ResolvedAt > asOf));
        var revisions = db.ModelCardRevisions.AsNoTracking().Where(r => r.CreatedAt <= asOf);
        var reviews = db.ModelCardReviews.AsNoTracking().Where(r => r.ReviewedAt <= asOf);
        var approvals = db.ReleaseRequests.AsNoTracking()
            .Where(r => r.ApprovedAt != null && r.ApprovedAt <= asOf && r.Status == ReleaseStatus.Approved && r.TargetStage == VersionStage.Production);
        if (byIds)
        {
            owners = owners.Where(o => ids.Contains(o.ModelId));
            flags = flags.Where(f => ids.Contains(f.ModelId));
            revisions = revisions.Where(r => ids.Contains(r.ModelId));
            reviews = reviews.Where(r => ids.Contains(r.ModelId));
            approvals = approvals.Where(r => ids.Contains(r.ModelId));
        }
        var ownersByModel = (await owners.Select(o => new { o.ModelId, o.Role, o.OwnerName }).ToListAsync(cancellationToken))
            .ToLookup(o => o.ModelId, o => (o.Role, o.OwnerName));
        var flagsByModel = (await flags.Select(f => new { f.ModelId, f.Rule }).ToListAsync(cancellationToken)).ToLookup(f => f.ModelId, f => f.Rule);
        var cards = (await revisions.GroupBy(r => r.ModelId).Select(g => new { ModelId = g.Key, Number = g.Max(r => r.Number) }).ToListAsync(cancellationToken))
            .ToDictionary(r => r.ModelId, r => r.Number);
        var reviewed = (await reviews.Select(r => new { r.ModelId, r.RevisionNumber }).ToListAsync(cancellationToken))
            .Select(r => (r.ModelId, r.RevisionNumber)).ToHashSet();
        var releases = (await approvals.Select(r => new { r.ModelId, r.VersionLabel, r.Id, r.ApprovedAt }).ToListAsync(cancellationToken))
            .GroupBy(r => r.ModelId)
            .ToDictionary(g => g.Key, g => (IReadOnlyDictionary<string, int>)g.GroupBy(r => r.VersionLabel, StringComparer.Ordinal)
                .ToDictionary(v => v.Key, v => v.MaxBy(r => r.ApprovedAt)!.Id, StringComparer.Ordinal));
        return modelId =>
        {
            var card = cards.TryGetValue(modelId, out var number) ? number : (int?)null;
            return new InventoryFacts(
                [.. ownersByModel[modelId]],
                [.. flagsByModel[modelId]],
                card,
                card is not null && reviewed.Contains((modelId, card.Value)),
                releases.GetValueOrDefault(modelId) ?? InventoryFacts.None.ProductionApprovals);
        };
    }
}
