using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Findings;
using Portal.Domain.Flags;
using Portal.Web.Features.Flags;

namespace Portal.Web.Features.Findings;

/// <summary>Every finding not closed whose due date has passed, for the overdue-finding rule: one query.</summary>
public sealed class FindingFactsContributor(TimeProvider clock) : IModelFactsContributor
{
    public string Provides => FactKinds.Findings;

    public async Task ContributeAsync(PortalDbContext db, IReadOnlyDictionary<int, ModelFacts> facts, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var overdue = await db.Findings.AsNoTracking().Where(f => f.Status != FindingStatus.Closed && f.DueDate < today)
            .Select(f => new { f.ModelId, f.Id, f.Title, f.Severity, f.RemediationOwnerName, f.DueDate })
            .ToListAsync(cancellationToken);
        foreach (var finding in overdue)
        {
            if (facts.TryGetValue(finding.ModelId, out var model))
            {
                model.OverdueFindings.Add(new OverdueFindingFact(finding.Id, finding.Title, finding.Severity.ToString(), finding.RemediationOwnerName, finding.DueDate));
            }
        }
    }
}
