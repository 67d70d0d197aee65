using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Flags;
using Portal.Web.Features.Flags;

namespace Portal.Web.Features.Fairness;

/// <summary>When each model was last evaluated for fairness, for the "stale fairness" rule: one grouped query.</summary>
public sealed class FairnessFactsContributor : IModelFactsContributor
{
    public string Provides => FactKinds.Fairness;

    public async Task ContributeAsync(PortalDbContext db, IReadOnlyDictionary<int, ModelFacts> facts, CancellationToken cancellationToken)
    {
        var newest = await db.FairnessEvaluations.AsNoTracking().GroupBy(e => e.ModelId)
            .Select(g => new { ModelId = g.Key, Newest = g.Max(e => e.EvaluatedAt) })
            .ToListAsync(cancellationToken);
        foreach (var row in newest)
        {
            if (facts.TryGetValue(row.ModelId, out var model))
            {
                model.NewestFairnessEvaluationAt = row.Newest;
            }
        }
    }
}
