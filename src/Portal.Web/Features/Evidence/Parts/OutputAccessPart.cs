using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Web.Features.Shared.Evidence;

namespace Portal.Web.Features.Evidence.Parts;

/// <summary><c>outputs/access-log.json</c>: every read of the model's outputs within the range, allowed or refused, read in pages by id.</summary>
public sealed class OutputAccessPart(IDbContextFactory<PortalDbContext> dbFactory) : IEvidencePackagePart
{
    private const int PageSize = 2000;

    public string Name => "output access log";

    public async Task WriteAsync(EvidencePackageWriter package, EvidenceScope scope, CancellationToken cancellationToken)
    {
        var count = await EvidenceRows.WriteArrayAsync(package, "outputs/access-log.json", ReadAsync(scope, cancellationToken), cancellationToken);
        package.Summarize("Output access log", $"{count} read(s) of the model's outputs in outputs/access-log.json.");
    }

    private async IAsyncEnumerable<Portal.Domain.Outputs.OutputAccess> ReadAsync(EvidenceScope scope,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long after = 0;
        while (true)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var page = await db.OutputAccesses.AsNoTracking()
                .Where(a => a.ModelKey == scope.Model.Key && a.Id > after && (scope.From == null || a.At >= scope.From) && a.At <= scope.AsOf)
                .OrderBy(a => a.Id).Take(PageSize).ToListAsync(cancellationToken);
            foreach (var access in page)
            {
                yield return access;
            }
            if (page.Count < PageSize)
            {
                yield break;
            }
            after = page[^1].Id;
        }
    }
}
