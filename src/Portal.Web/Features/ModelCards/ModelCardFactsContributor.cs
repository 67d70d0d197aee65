using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Flags;
using Portal.Web.Features.Flags;

namespace Portal.Web.Features.ModelCards;

/// <summary>Each model's latest card review and the production version then, for the stale-documentation rule: one query.</summary>
public sealed class ModelCardFactsContributor : IModelFactsContributor
{
    public string Provides => FactKinds.ModelCards;

    public async Task ContributeAsync(PortalDbContext db, IReadOnlyDictionary<int, ModelFacts> facts, CancellationToken cancellationToken)
    {
        var latest = await db.ModelCardReviews.AsNoTracking()
            .Where(r => r.Id == db.ModelCardReviews.Where(x => x.ModelId == r.ModelId).OrderByDescending(x => x.ReviewedAt).ThenByDescending(x => x.Id)
                .Select(x => x.Id).First())
            .Select(r => new { r.ModelId, r.ReviewedAt, r.ProductionVersionId })
            .ToListAsync(cancellationToken);
        foreach (var row in latest)
        {
            if (facts.TryGetValue(row.ModelId, out var model))
            {
                model.LastCardReviewAt = row.ReviewedAt;
                model.CardReviewedProductionVersionId = row.ProductionVersionId;
            }
        }
    }
}
