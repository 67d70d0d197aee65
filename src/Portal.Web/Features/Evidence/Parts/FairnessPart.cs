using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Web.Features.Shared.Evidence;

namespace Portal.Web.Features.Evidence.Parts;

/// <summary><c>fairness/evaluations.json</c>: each fairness evaluation made by the end of the range, with its results, their hash and verdict.</summary>
public sealed class FairnessPart(IDbContextFactory<PortalDbContext> dbFactory) : IEvidencePackagePart
{
    public string Name => "fairness";

    public async Task WriteAsync(EvidencePackageWriter package, EvidenceScope scope, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = db.FairnessEvaluations.AsNoTracking()
            .Where(e => e.ModelId == scope.Model.Id && e.EvaluatedAt <= scope.AsOf && (scope.VersionLabel == null || e.VersionLabel == scope.VersionLabel))
            .OrderBy(e => e.EvaluatedAt).ThenBy(e => e.Id).AsAsyncEnumerable();
        var count = await EvidenceRows.WriteArrayAsync(package, "fairness/evaluations.json", rows, cancellationToken);
        package.Summarize("Fairness", $"{count} fairness evaluation(s) in fairness/evaluations.json.");
    }
}
