using System.IO.Compression;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Access;
using Portal.Domain.Audit;
using Portal.Domain.EvidencePackages;
using Portal.Domain.Inventory;
using Portal.Domain.Versions;
using Portal.Web.Features.Shared;
using Portal.Web.Features.Shared.Evidence;

namespace Portal.Web.Features.Evidence;

/// <summary>What a package is asked for: an optional time range (UTC, both ends inclusive) and version.</summary>
public sealed record EvidencePackageRequest(DateTime? From, DateTime? To, string? Version);

/// <summary>
/// Builds a model's evidence package in two steps: <see cref="PrepareAsync"/> checks the request and the caller's access and
/// audits the build (so a refusal is an error answer, not a broken download), then <see cref="WriteAsync"/> streams the ZIP:
/// every registered <see cref="IEvidencePackagePart"/>, the public key, the summary, and the signed manifest last.
/// </summary>
public sealed class EvidencePackageService(IDbContextFactory<PortalDbContext> dbFactory, ModelWriteGuard guard, AuditRecorder audit,
    IEnumerable<IEvidencePackagePart> parts, EvidenceSigningKey signingKey, TimeProvider clock)
{
    public string PublicKeyPem => signingKey.PublicKeyPem;

    public async Task<EvidenceScope> PrepareAsync(Actor actor, string modelKey, EvidencePackageRequest request, CancellationToken cancellationToken = default)
    {
        if (request.From is { } from && request.To is { } to && from > to)
        {
            throw InputRejectedException.For("from", "The range's start must not be after its end.");
        }
        var version = string.IsNullOrWhiteSpace(request.Version) ? null : request.Version.Trim();
        if (version?.Length > VersionRules.LabelMaxLength)
        {
            throw InputRejectedException.For("version", $"A version label has at most {VersionRules.LabelMaxLength} characters.");
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var normalized = ModelRules.NormalizeKey(modelKey ?? "");
        var model = await db.Models.AsNoTracking().SingleOrDefaultAsync(m => m.KeyNormalized == normalized, cancellationToken)
            ?? throw new NotFoundException($"No model has the key '{modelKey}'.");
        var problem = EvidenceAccess.Problem(actor, await ModelWriteGuard.PeopleAsync(db, model, cancellationToken));
        if (problem is not null)
        {
            await guard.RefuseAsync(actor, Permission.ExportEvidencePackage, $"evidence package of {model.Key}", problem, model.Key, cancellationToken);
        }
        if (version is not null && !await db.ModelVersions.AnyAsync(v => v.ModelId == model.Id && v.Label == version, cancellationToken))
        {
            throw InputRejectedException.For("version", $"Model {model.Key} has no version '{version}'.");
        }
        await audit.RecordAsync(actor, AuditActions.EvidencePackageBuilt, "Model", model.Key,
            new { from = request.From, to = request.To, version }, model.Key, cancellationToken);
        var head = await db.AuditEvents.AsNoTracking().OrderByDescending(a => a.Sequence)
            .Select(a => new ChainLink(a.Sequence, a.PreviousHash, a.Hash)).FirstAsync(cancellationToken);
        return new EvidenceScope(model, request.From, request.To, version, actor, clock.GetUtcNow().UtcDateTime, head);
    }

    /// <summary>The model's version labels, newest first, when the actor may build its package; null otherwise. For showing the panel, not audited.</summary>
    public async Task<IReadOnlyList<string>?> VersionLabelsIfAllowedAsync(Actor actor, string modelKey, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var normalized = ModelRules.NormalizeKey(modelKey);
        var model = await db.Models.AsNoTracking().SingleOrDefaultAsync(m => m.KeyNormalized == normalized, cancellationToken);
        if (model is null || EvidenceAccess.Problem(actor, await ModelWriteGuard.PeopleAsync(db, model, cancellationToken)) is not null)
        {
            return null;
        }
        return await db.ModelVersions.AsNoTracking().Where(v => v.ModelId == model.Id).OrderByDescending(v => v.Id).Select(v => v.Label)
            .ToListAsync(cancellationToken);
    }

    /// <summary>Streams the package to <paramref name="output"/>; nothing but the manifest's file list is held in memory.</summary>
    public async Task WriteAsync(EvidenceScope scope, Stream output, CancellationToken cancellationToken = default)
    {
        var draining = new DrainingStream(output);
        await using (var zip = await ZipArchive.CreateAsync(draining, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, cancellationToken))
        {
            await WriteAsync(scope, new EvidencePackageWriter(zip, draining), cancellationToken);
        }
        await draining.FlushAsync(cancellationToken);
    }

    private async Task WriteAsync(EvidenceScope scope, EvidencePackageWriter package, CancellationToken cancellationToken)
    {
        foreach (var part in parts)
        {
            await part.WriteAsync(package, scope, cancellationToken);
        }
        await package.WriteTextAsync(EvidencePackageFormat.SigningKey, signingKey.PublicKeyPem, cancellationToken);
        await package.WriteTextAsync(EvidencePackageFormat.Summary, EvidenceSummary.Render(scope, package.Summary, package.Files), cancellationToken);
        var manifest = new EvidenceManifest(EvidencePackageFormat.Version, scope.Model.Key, scope.GeneratedAt, $"{scope.Actor.Name} ({scope.Actor.Id})",
            scope.From, scope.To, scope.VersionLabel, scope.ChainHead.Sequence, scope.ChainHead.Hash, package.Files);
        await package.SealAsync(manifest, signingKey.Key, cancellationToken);
    }

    public static string FileName(EvidenceScope scope) =>
        $"evidence-{scope.Model.Key}{(scope.VersionLabel is null ? "" : "-" + scope.VersionLabel)}-{scope.GeneratedAt:yyyyMMdd-HHmmss}.zip";
}
