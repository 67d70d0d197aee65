using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Web.Features.Shared.Evidence;

namespace Portal.Web.Features.Evidence.Parts;

/// <summary><c>flags/flags.json</c>: each flag raised by the end of the range, with its acknowledgment, snooze and resolution.</summary>
public sealed class FlagsPart(IDbContextFactory<PortalDbContext> dbFactory) : IEvidencePackagePart
{
    public string Name => "flags";

    public async Task WriteAsync(EvidencePackageWriter package, EvidenceScope scope, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = db.Flags.AsNoTracking().Where(f => f.ModelId == scope.Model.Id && f.RaisedAt <= scope.AsOf)
            .OrderBy(f => f.RaisedAt).ThenBy(f => f.Id).AsAsyncEnumerable();
        var count = await EvidenceRows.WriteArrayAsync(package, "flags/flags.json", rows, cancellationToken);
        package.Summarize("Flags", $"{count} flag(s) in flags/flags.json.");
    }
}
