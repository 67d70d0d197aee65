using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Flags;
using Portal.Web.Features.Flags;

namespace Portal.Web.Features.Outputs.AccessRequests;

/// <summary>The outputs whose score values fell outside their expected range, for the "out-of-range outputs" rule: one query.</summary>
public sealed class OutputFactsContributor : IModelFactsContributor
{
    public string Provides => FactKinds.Outputs;

    public async Task ContributeAsync(PortalDbContext db, IReadOnlyDictionary<int, ModelFacts> facts, CancellationToken cancellationToken)
    {
        var outputs = await db.ModelOutputs.AsNoTracking().Where(o => o.OutOfRangeCount > 0 && o.ExpectedScoreRange != null)
            .Select(o => new { o.Id, o.ModelId, o.Name, o.VersionLabel, o.ExpectedScoreRange, o.OutOfRangeCount, o.OutOfRangeExample, o.RegisteredAt })
            .ToListAsync(cancellationToken);
        foreach (var o in outputs)
        {
            if (facts.TryGetValue(o.ModelId, out var model))
            {
                var range = o.ExpectedScoreRange!;
                model.OutOfRangeOutputs.Add(new OutOfRangeOutputFact(o.Id, o.Name, o.VersionLabel, range.Column, range.Minimum, range.Maximum,
                    o.OutOfRangeCount!.Value, o.OutOfRangeExample, o.RegisteredAt));
            }
        }
    }
}
