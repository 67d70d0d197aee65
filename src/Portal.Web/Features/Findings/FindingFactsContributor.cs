using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Findings;
using Portal.Domain.Flags;
using Portal.Web.Features.Flags;

namespace Portal.Web.Features.Findings;

/// <summary>Every finding not closed, with its due date, for the overdue-finding rule: one query with no moment in it.</summary>
public sealed class FindingFactsContributor : IModelFactsContributor
{
    public string Provides => FactKinds.Findings;

    public async Task ContributeAsync(PortalDbContext db, IReadOnlyDictionary<int, ModelFacts> facts, CancellationToken cancellationToken)
    {
        var open = await db.Findings.AsNoTracking().Where(f => f.Status != FindingStatus.Closed)
            .Select(f => new { f.ModelId, f.Id, f.Title, f.Severity, f.RemediationOwnerName, f.DueDate })
            .ToListAsync(cancellationToken);
        foreach (var finding in open)
        {
            if (facts.TryGetValue(finding.ModelId, out var model))
            {
                model.OpenFindings.Add(new OpenFindingFact(finding.Id, finding.Title, finding.Severity.ToString(), finding.RemediationOwnerName, finding.DueDate));
            }
        }
    }
}
