using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Web.Features.Shared.Evidence;

namespace Portal.Web.Features.Evidence.Parts;

/// <summary><c>versions/versions.json</c>: each version registered by the end of the range with its lineage (data sets and hashes, code, artifact, hyperparameters, metrics) and stage.</summary>
public sealed class VersionsPart(IDbContextFactory<PortalDbContext> dbFactory) : IEvidencePackagePart
{
    public string Name => "versions";

    public async Task WriteAsync(EvidencePackageWriter package, EvidenceScope scope, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = db.ModelVersions.AsNoTracking()
            .Where(v => v.ModelId == scope.Model.Id && v.RegisteredAt <= scope.AsOf && (scope.VersionLabel == null || v.Label == scope.VersionLabel))
            .OrderBy(v => v.RegisteredAt).ThenBy(v => v.Id).AsAsyncEnumerable();
        var count = await EvidenceRows.WriteArrayAsync(package, "versions/versions.json", rows, cancellationToken);
        package.Summarize("Versions and lineage", $"{count} version(s) with their lineage in versions/versions.json.");
    }
}
