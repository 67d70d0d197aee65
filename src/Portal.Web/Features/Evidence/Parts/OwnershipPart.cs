using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Web.Features.Shared.Evidence;

namespace Portal.Web.Features.Evidence.Parts;

/// <summary><c>ownership/history.json</c>: every owner assignment made by the end of the range, ended ones too, with reasons.</summary>
public sealed class OwnershipPart(IDbContextFactory<PortalDbContext> dbFactory) : IEvidencePackagePart
{
    public string Name => "ownership";

    public async Task WriteAsync(EvidencePackageWriter package, EvidenceScope scope, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = db.OwnershipAssignments.AsNoTracking().Where(o => o.ModelId == scope.Model.Id && o.AssignedAt <= scope.AsOf)
            .OrderBy(o => o.AssignedAt).ThenBy(o => o.Id).AsAsyncEnumerable();
        var count = await EvidenceRows.WriteArrayAsync(package, "ownership/history.json", rows, cancellationToken);
        var current = await db.OwnershipAssignments.AsNoTracking()
            .Where(o => o.ModelId == scope.Model.Id && o.AssignedAt <= scope.AsOf && (o.EndedAt == null || o.EndedAt > scope.AsOf))
            .OrderBy(o => o.Role).Select(o => o.OwnerName + " (" + o.Role.ToString() + ")").ToListAsync(cancellationToken);
        package.Summarize("Ownership", $"{count} assignment(s) in ownership/history.json.",
            current.Count == 0 ? "No owner at the end of the range." : $"Owners at the end of the range: {string.Join(", ", current)}.");
    }
}
