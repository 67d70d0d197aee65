using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Releases;
using Portal.Domain.Versions;

namespace Portal.Web.Features.Releases;

/// <summary>
/// The CD gate check's reads, compiled once per model: pipelines ask it thousands of times a second, and a compiled query
/// skips walking the LINQ for its parameters and its cache key on every call.
/// </summary>
internal sealed class ApprovalQueries
{
    private static readonly CompiledPerModel<ApprovalQueries> PerModel = new(() => new ApprovalQueries());

    // Labels compare regardless of case; EF translates ToUpper to SQL UPPER, which string.Equals with a comparison would not.
    // The request judged is any that says it was approved, by its status or by a signature; the newest one answers. Its id
    // comes with the version, so that a version never approved (what most checks ask about) costs one statement.
#pragma warning disable CA1862
    private readonly Func<PortalDbContext, string, string, VersionStage, CancellationToken, Task<VersionOfModel?>> version = EF.CompileAsyncQuery(
        (PortalDbContext db, string keyNormalized, string labelNormalized, VersionStage stage, CancellationToken _) => db.ModelVersions.AsNoTracking()
            .Where(v => v.Label.ToUpper() == labelNormalized)
            .Join(db.Models.Where(m => m.KeyNormalized == keyNormalized), v => v.ModelId, m => m.Id, (v, m) => new VersionOfModel(v, m.Key,
                db.ReleaseRequests.Where(r => r.VersionId == v.Id && r.TargetStage == stage && (r.Status == ReleaseStatus.Approved || r.Signatures.Any(s => s.Approves)))
                    .OrderByDescending(r => r.ApprovedAt).ThenByDescending(r => r.Id).Select(r => (int?)r.Id).FirstOrDefault()))
            .FirstOrDefault());
#pragma warning restore CA1862

    private readonly Func<PortalDbContext, int, CancellationToken, Task<ReleaseRequest>> request = EF.CompileAsyncQuery(
        (PortalDbContext db, int requestId, CancellationToken _) => db.ReleaseRequests.AsNoTracking().Include(r => r.Signatures).Single(r => r.Id == requestId));

    private readonly Func<PortalDbContext, int, IAsyncEnumerable<string>> exceptionRecorders = EF.CompileAsyncQuery(
        (PortalDbContext db, int requestId) => db.GateExceptions.AsNoTracking().Where(e => e.RequestId == requestId).Select(e => e.RecordedBy));

    public static ApprovalQueries For(PortalDbContext db) => PerModel.For(db);

    /// <summary>The version with its model's key and the request to judge for <paramref name="stage"/>, or null when the model or version does not exist.</summary>
    public Task<VersionOfModel?> VersionAsync(PortalDbContext db, string modelKey, string label, VersionStage stage, CancellationToken cancellationToken) =>
        version(db, Domain.Inventory.ModelRules.NormalizeKey(modelKey), VersionRules.NormalizeLabel(label), stage, cancellationToken);

    public Task<ReleaseRequest> RequestAsync(PortalDbContext db, int requestId, CancellationToken cancellationToken) => request(db, requestId, cancellationToken);

    public async Task<IReadOnlySet<string>> ExceptionRecordersAsync(PortalDbContext db, int requestId, CancellationToken cancellationToken) =>
        ReleaseRecords.ExceptionRecorders(await exceptionRecorders(db, requestId).ToListAsync(cancellationToken));
}

internal sealed record VersionOfModel(ModelVersion Version, string ModelKey, int? ApprovalRequestId);
