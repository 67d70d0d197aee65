using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Access;
using Portal.Domain.Ownership;
using Portal.Domain.PointInTime;
using Portal.Domain.Releases;
using Portal.Domain.Versions;
using Portal.Web.Features.Shared;

namespace Portal.Web.Features.ModelCards;

public sealed record OwnerFactView(string Name, OwnerRole Role, DateTime AssignedAt);

public sealed record VersionFactView(string Label, VersionStage Stage, DateTime RegisteredAt, string? TrainingData, string? EvaluationData, string? Code,
    string? LatestFairness);

public sealed record SignatureFactView(string SignerName, SignatureMeaning Meaning, DateTime SignedAt);

public sealed record ReleaseFactView(int Id, string VersionLabel, VersionStage TargetStage, ReleaseStatus Status, DateTime RequestedAt,
    IReadOnlyList<SignatureFactView> Signatures);

public sealed record FlagFactView(string Rule, string Detail, DateTime RaisedAt);

/// <summary>
/// What the portal holds about a model as of a moment, shown read-only in its card; read from the records themselves, never
/// copied into the card. Stages and release statuses are those of the moment, not of today.
/// </summary>
public sealed record CardFactsView(DateTime AsOf, IReadOnlyList<OwnerFactView> Owners, IReadOnlyList<VersionFactView> Versions,
    IReadOnlyList<ReleaseFactView> Releases, IReadOnlyList<FlagFactView> OpenFlags);

/// <summary>Reads the facts blocks of a card: owners, versions with lineage and latest fairness result, releases with signatures, open flags.</summary>
public sealed class CardFactsService(IDbContextFactory<PortalDbContext> dbFactory, AccessGuard guard, TimeProvider clock)
{
    public async Task<CardFactsView> AsOfAsync(Actor actor, string modelKey, DateTime? asOf, CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, Permission.ReadModels, $"card facts of model {modelKey}", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var model = await CardModels.FindModelAsync(db, modelKey, cancellationToken);
        var moment = asOf ?? clock.GetUtcNow().UtcDateTime;
        var owners = await db.OwnershipAssignments.AsNoTracking()
            .Where(o => o.ModelId == model.Id && o.AssignedAt <= moment && (o.EndedAt == null || o.EndedAt > moment))
            .OrderBy(o => o.Role).ThenBy(o => o.OwnerName).Select(o => new OwnerFactView(o.OwnerName, o.Role, o.AssignedAt)).ToListAsync(cancellationToken);
        var versions = await db.ModelVersions.AsNoTracking().Where(v => v.ModelId == model.Id && v.RegisteredAt <= moment)
            .OrderByDescending(v => v.RegisteredAt).Take(20).ToListAsync(cancellationToken);
        var evaluations = await db.FairnessEvaluations.AsNoTracking().Where(e => e.ModelId == model.Id && e.EvaluatedAt <= moment)
            .Select(e => new { e.VersionId, e.EvaluatedAt, e.Passed, e.Id }).ToListAsync(cancellationToken);
        var latestFairness = evaluations.GroupBy(e => e.VersionId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(e => e.EvaluatedAt).ThenByDescending(e => e.Id).First());
        var releases = await db.ReleaseRequests.AsNoTracking().Include(r => r.Signatures)
            .Where(r => r.ModelId == model.Id && r.RequestedAt <= moment).OrderByDescending(r => r.RequestedAt).Take(20).ToListAsync(cancellationToken);
        var flags = await db.Flags.AsNoTracking().Where(f => f.ModelId == model.Id && f.RaisedAt <= moment && (f.ResolvedAt == null || f.ResolvedAt > moment))
            .OrderBy(f => f.RaisedAt).Select(f => new FlagFactView(f.Rule, f.Detail, f.RaisedAt)).ToListAsync(cancellationToken);
        var stagesThen = await StagesChangedSinceAsync(db, model.Key, moment, cancellationToken);
        return new CardFactsView(moment, owners,
            [.. versions.Select(v => new VersionFactView(v.Label, stagesThen.GetValueOrDefault(v.Label, v.Stage), v.RegisteredAt, v.TrainingData?.Uri, v.EvaluationData?.Uri,
                v.CodeCommit is null ? null : $"{v.CodeRepository}@{v.CodeCommit}",
                latestFairness.TryGetValue(v.Id, out var e) ? $"{(e.Passed ? "passed" : "failed")} on {e.EvaluatedAt:yyyy-MM-dd}" : null))],
            [.. releases.Select(r => new ReleaseFactView(r.Id, r.VersionLabel, r.TargetStage, StatusAt(r, moment), r.RequestedAt,
                [.. r.Signatures.Where(s => s.SignedAt <= moment).OrderBy(s => s.SignedAt).Select(s => new SignatureFactView(s.SignerName, s.Meaning, s.SignedAt))]))],
            flags);
    }

    /// <summary>A request decided after the moment was still pending then.</summary>
    private static ReleaseStatus StatusAt(ReleaseRequest request, DateTime moment) =>
        request.ClosedAt is { } closed && closed <= moment ? request.Status : ReleaseStatus.Pending;

    /// <summary>
    /// The stage each version had at the moment, for the versions whose stage changed since: the stage before the earliest
    /// change after the moment, as the audit trail recorded it (the point-in-time backward fold). The others are as they are now.
    /// </summary>
    private static async Task<Dictionary<string, VersionStage>> StagesChangedSinceAsync(PortalDbContext db, string modelKey, DateTime moment,
        CancellationToken cancellationToken)
    {
        var changes = await db.AuditEvents.AsNoTracking()
            .Where(a => a.ModelKey == modelKey && a.Action == TrailEvent.StageChanged && a.OccurredAt > moment)
            .OrderByDescending(a => a.Sequence)
            .Select(a => new { a.EntityId, a.Before })
            .ToListAsync(cancellationToken);
        var stages = new Dictionary<string, VersionStage>(StringComparer.Ordinal);
        foreach (var change in changes)
        {
            var undone = new TrailEvent(0, moment, TrailEvent.StageChanged, TrailEvent.VersionEntity, change.EntityId, "",
                AuditValues.Read(change.Before, ModelState.VersionFields));
            if (Enum.TryParse<VersionStage>(undone.Value(nameof(ModelVersion.Stage)), out var before))
            {
                stages[undone.VersionLabel(modelKey)] = before;
            }
        }
        return stages;
    }
}
