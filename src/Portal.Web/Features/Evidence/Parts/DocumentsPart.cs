using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Web.Features.Shared.Evidence;

namespace Portal.Web.Features.Evidence.Parts;

/// <summary>
/// <c>documents/documents.json</c>: each document attached by the end of the range (the model's own and the version's), its
/// metadata and the SHA-256 of its content, so a copy obtained elsewhere can be checked; the content itself stays in the portal.
/// </summary>
public sealed class DocumentsPart(IDbContextFactory<PortalDbContext> dbFactory) : IEvidencePackagePart
{
    public string Name => "documents";

    public async Task WriteAsync(EvidencePackageWriter package, EvidenceScope scope, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = db.ModelDocuments.AsNoTracking()
            .Where(d => d.ModelId == scope.Model.Id && d.UploadedAt <= scope.AsOf && (scope.VersionLabel == null || d.VersionLabel == null || d.VersionLabel == scope.VersionLabel))
            .OrderBy(d => d.UploadedAt).ThenBy(d => d.Id)
            .Select(d => new
            {
                d.Id, d.VersionLabel, d.Kind, d.Title, d.Description, d.FileName, d.FileType, d.SizeBytes, d.Sha256, d.UploadedBy, d.UploadedByName,
                d.UploadedAt, d.UpdatedAt, d.UpdatedByName, d.WithdrawnAt, d.WithdrawnByName, d.WithdrawalReason, d.Revision,
            })
            .AsAsyncEnumerable();
        var count = await EvidenceRows.WriteArrayAsync(package, "documents/documents.json", rows, cancellationToken);
        package.Summarize("Documents", $"{count} document(s), metadata and SHA-256, in documents/documents.json.");
    }
}
