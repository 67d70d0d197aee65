using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.EvidencePackages;
using Portal.Domain.Releases;
using Portal.Web.Features.Shared.Evidence;

namespace Portal.Web.Features.Evidence.Parts;

/// <summary>
/// <c>releases/requests.json</c>: each release request made by the end of the range with its signatures, whether each verifies
/// now, and for each signature its canonical snapshot (<see cref="SignedSnapshot"/>) as recomputed from the stored rows, in
/// <c>releases/snapshots/</c>, so that its SHA-256 can be recomputed offline and compared with the one the signature recorded.
/// </summary>
public sealed class ReleasesPart(IDbContextFactory<PortalDbContext> dbFactory) : IEvidencePackagePart
{
    public string Name => "releases";

    public async Task WriteAsync(EvidencePackageWriter package, EvidenceScope scope, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // A model's release requests are few (each one is a person's decision), unlike its audit trail; they are read at once.
        var requests = await db.ReleaseRequests.AsNoTracking().Include(r => r.Signatures)
            .Where(r => r.ModelId == scope.Model.Id && r.RequestedAt <= scope.AsOf && (scope.VersionLabel == null || r.VersionLabel == scope.VersionLabel))
            .OrderBy(r => r.RequestedAt).ThenBy(r => r.Id).ToListAsync(cancellationToken);
        var versionIds = requests.Select(r => r.VersionId).Distinct().ToList();
        var versions = await db.ModelVersions.AsNoTracking().Where(v => versionIds.Contains(v.Id))
            .ToDictionaryAsync(v => v.Id, v => SignedVersion.From(v), cancellationToken);
        var snapshots = requests.SelectMany(r => r.Signatures.OrderBy(s => s.SignedAt).ThenBy(s => s.Id)
            .Select(s => (Request: r, Signature: s, Snapshot: SignedSnapshot.CanonicalJson(r, versions[r.VersionId], s)))).ToList();
        await package.WriteJsonAsync(EvidencePackageFormat.ReleaseRequests, file =>
        {
            file.Writer.WriteStartArray();
            foreach (var request in requests)
            {
                WriteRequest(file, request, snapshots.Where(s => s.Request == request));
            }
            file.Writer.WriteEndArray();
            return Task.CompletedTask;
        }, cancellationToken);
        foreach (var (request, signature, snapshot) in snapshots)
        {
            await package.WriteTextAsync(EvidencePackageFormat.SnapshotPath(request.Id, signature.Id), snapshot, cancellationToken);
        }
        var broken = snapshots.Count(s => !Verifies(s.Signature, s.Snapshot));
        package.Summarize("Release requests and signatures",
            $"{requests.Count} release request(s) with {snapshots.Count} signature(s) in {EvidencePackageFormat.ReleaseRequests}.",
            broken == 0 ? "Every signature verifies against its snapshot." : $"{broken} signature(s) no longer verify: the signed records changed after signing.");
    }

    private static void WriteRequest(EvidencePackageWriter.JsonFile file, ReleaseRequest request,
        IEnumerable<(ReleaseRequest Request, ReleaseSignature Signature, string Snapshot)> signatures)
    {
        var writer = file.Writer;
        writer.WriteStartObject();
        writer.WriteNumber("id", request.Id);
        writer.WritePropertyName("request");
        file.Write(request);
        writer.WriteStartArray("signatures");
        foreach (var (_, signature, snapshot) in signatures)
        {
            writer.WriteStartObject();
            writer.WriteNumber("id", signature.Id);
            writer.WriteString("signerId", signature.SignerId);
            writer.WriteString("signerName", signature.SignerName);
            writer.WriteString("meaning", signature.Meaning.ToString());
            writer.WriteString("reason", signature.Reason);
            writer.WriteString("signedAt", signature.SignedAt);
            writer.WriteString("authenticatedAt", signature.AuthenticatedAt);
            writer.WriteBoolean("approves", signature.Approves);
            writer.WriteString("snapshotSha256", signature.SnapshotSha256);
            writer.WriteString("snapshotFile", EvidencePackageFormat.SnapshotPath(request.Id, signature.Id));
            writer.WriteBoolean("verified", Verifies(signature, snapshot));
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static bool Verifies(ReleaseSignature signature, string snapshot) =>
        string.Equals(SignedSnapshot.Sha256(snapshot), signature.SnapshotSha256, StringComparison.Ordinal);
}
