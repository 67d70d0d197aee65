using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Audits;
using Portal.Domain.Flags;
using Portal.Web.Features.Flags;

namespace Portal.Web.Features.Audits;

/// <summary>Each model's audit items of open requests that wait for an answer, with their due dates, for the overdue-audit-item rule: one query.</summary>
public sealed class AuditFactsContributor : IModelFactsContributor
{
    public string Provides => FactKinds.AuditRequests;

    public async Task ContributeAsync(PortalDbContext db, IReadOnlyDictionary<int, ModelFacts> facts, CancellationToken cancellationToken)
    {
        var waiting = await db.AuditItems.AsNoTracking().Where(i => i.Status == AuditItemStatus.Open || i.Status == AuditItemStatus.Returned)
            .Join(db.AuditRequests.AsNoTracking().Where(r => r.Status == AuditRequestStatus.Open), i => i.RequestId, r => r.Id,
                (i, r) => new { i.ModelId, i.RequestId, i.Number, r.Title, r.DueAt, i.AssigneeName })
            .ToListAsync(cancellationToken);
        foreach (var row in waiting)
        {
            if (facts.TryGetValue(row.ModelId, out var model))
            {
                model.OpenAuditItems.Add(new AuditItemFact(row.RequestId, row.Number, row.Title, row.DueAt, row.AssigneeName));
            }
        }
    }
}
