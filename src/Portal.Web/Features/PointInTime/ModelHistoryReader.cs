using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.PointInTime;

namespace Portal.Web.Features.PointInTime;

/// <summary>One model's audit events up to a moment and its stored history, read in a few indexed queries, folded by the domain.</summary>
internal static class ModelHistoryReader
{
    public static async Task<ModelAsOf?> AnswerAsync(PortalDbContext db, int modelId, string key, DateTime asOf, long through,
        CancellationToken cancellationToken)
    {
        var events = await EventsAsync(db, key, through, cancellationToken);
        var history = await HistoryAsync(db, modelId, asOf, cancellationToken);
        return ModelAsOfBuilder.Build(key, asOf, through, events, history);
    }

    /// <summary>The model's slice of the trail up to the cutoff (the (ModelKey, Sequence) index); values only where the fold needs them.</summary>
    private static async Task<List<TrailEvent>> EventsAsync(PortalDbContext db, string key, long through, CancellationToken cancellationToken)
    {
        var rows = await db.AuditEvents.AsNoTracking()
            .Where(a => a.ModelKey == key && a.Sequence <= through)
            .OrderBy(a => a.Sequence)
            .Select(a => new
            {
                a.Sequence, a.OccurredAt, a.Action, a.EntityType, a.EntityId, a.ActorName,
                After = a.EntityType == TrailEvent.ModelEntity || a.Action == TrailEvent.StageChanged ? a.After : null,
            })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new TrailEvent(r.Sequence, r.OccurredAt, r.Action, r.EntityType, r.EntityId, r.ActorName,
            AuditValues.Read(r.After, r.EntityType == TrailEvent.ModelEntity ? ModelState.ModelFields : ModelState.VersionFields)))];
    }

    /// <summary>Only the history that had begun by the moment: later records cannot change the answer.</summary>
    private static async Task<ModelHistory> HistoryAsync(PortalDbContext db, int modelId, DateTime asOf, CancellationToken cancellationToken)
    {
        var owners = await db.OwnershipAssignments.AsNoTracking().Where(o => o.ModelId == modelId && o.AssignedAt <= asOf)
            .Select(o => new OwnerPeriod(o.OwnerSubject, o.OwnerName, o.Role, o.AssignedAt, o.EndedAt)).ToListAsync(cancellationToken);
        var flags = await db.Flags.AsNoTracking().Where(f => f.ModelId == modelId && f.RaisedAt <= asOf)
            .Select(f => new FlagPeriod(f.Rule, f.Severity, f.Detail, f.RaisedAt, f.ResolvedAt)).ToListAsync(cancellationToken);
        var revisions = await db.ModelCardRevisions.AsNoTracking().Where(r => r.ModelId == modelId && r.CreatedAt <= asOf)
            .Select(r => new CardRevisionMark(r.Number, r.CreatedAt, r.AuthorName, r.VersionLabel)).ToListAsync(cancellationToken);
        var reviews = await db.ModelCardReviews.AsNoTracking().Where(r => r.ModelId == modelId && r.ReviewedAt <= asOf)
            .Select(r => new CardReviewMark(r.RevisionNumber, r.ReviewedAt, r.ReviewerName)).ToListAsync(cancellationToken);
        var releases = await db.ReleaseRequests.AsNoTracking()
            .Where(r => r.ModelId == modelId && r.ApprovedAt != null && r.ApprovedAt <= asOf)
            .Select(r => new
            {
                r.Id, r.VersionLabel, r.TargetStage, r.RequestedByName, r.RequestedAt, r.Status, r.ApprovedAt,
                Signatures = r.Signatures.Select(s => new SignatureMark(s.SignerId, s.SignerName, s.Meaning, s.SignedAt, s.Reason)).ToList(),
            })
            .ToListAsync(cancellationToken);
        return new ModelHistory(owners, flags, revisions, reviews,
            [.. releases.Select(r => new ReleaseMark(r.Id, r.VersionLabel, r.TargetStage, r.RequestedByName, r.RequestedAt, r.Status, r.ApprovedAt, r.Signatures))]);
    }
}
