using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Inventory;
using Portal.Domain.PointInTime;
using Portal.Domain.Versions;

namespace Portal.Web.Features.PointInTime;

/// <summary>A model that existed at the moment: its attributes and its versions in Staging or Production then, worked out once.</summary>
internal sealed record FoldedModel(int ModelId, ModelAttributesAsOf Attributes, IReadOnlyList<VersionAtMoment> Stages);

/// <summary>
/// Every model's state at a moment in three bulk reads, never a query per model: the models registered by then, and the model
/// and stage-change events on the shorter side of the moment, folded forward from registration (an early moment) or back from
/// the current rows (a recent one). Both folds give the same state (see ModelStateTests); the side is chosen by sequence numbers.
/// Folding back, a model with no event since the moment is as its row reads now, so only the models with events are folded.
/// </summary>
internal static class InventoryFold
{
    public static async Task<List<FoldedModel>> StatesAsync(PortalDbContext db, DateTime asOf, long through, CancellationToken cancellationToken)
    {
        var models = await db.Models.AsNoTracking().Where(m => m.RegisteredAt <= asOf)
            .Select(m => new CurrentRow(m.Id, m.Key, m.Name, m.Team, m.RiskTier, m.Status)).ToListAsync(cancellationToken);
        var last = await TrailCutoff.LastAsync(db, cancellationToken);
        return last - through <= through
            ? await BackwardAsync(db, models, through, cancellationToken)
            : await ForwardAsync(db, models, through, cancellationToken);
    }

    private static async Task<List<FoldedModel>> ForwardAsync(PortalDbContext db, List<CurrentRow> models, long through, CancellationToken cancellationToken)
    {
        var events = await db.AuditEvents.AsNoTracking()
            .Where(a => a.Sequence <= through && (a.EntityType == TrailEvent.ModelEntity || a.Action == TrailEvent.StageChanged))
            .OrderBy(a => a.Sequence)
            .Select(a => new EventRow(a.Sequence, a.OccurredAt, a.Action, a.EntityType, a.EntityId, a.ModelKey, a.After))
            .ToListAsync(cancellationToken);
        var byModel = ByModel(events);
        var folded = new List<FoldedModel>(models.Count);
        foreach (var model in models)
        {
            var state = ModelState.Forward(model.Key, byModel.GetValueOrDefault(model.Key) ?? []);
            if (state.Exists)
            {
                folded.Add(new FoldedModel(model.Id, state.Attributes(), state.VersionsInStage()));
            }
        }
        return folded;
    }

    private static async Task<List<FoldedModel>> BackwardAsync(PortalDbContext db, List<CurrentRow> models, long through, CancellationToken cancellationToken)
    {
        // Read from the (Stage, ModelId, Label) index alone.
        var stages = (await db.ModelVersions.AsNoTracking()
                .Where(v => v.Stage == VersionStage.Production || v.Stage == VersionStage.Staging)
                .Select(v => new { v.ModelId, v.Label, v.Stage }).ToListAsync(cancellationToken))
            .ToLookup(v => v.ModelId, v => (v.Label, v.Stage));
        var events = await db.AuditEvents.AsNoTracking()
            .Where(a => a.Sequence > through && (a.EntityType == TrailEvent.ModelEntity || a.Action == TrailEvent.StageChanged))
            .OrderByDescending(a => a.Sequence)
            .Select(a => new EventRow(a.Sequence, a.OccurredAt, a.Action, a.EntityType, a.EntityId, a.ModelKey, a.Before))
            .ToListAsync(cancellationToken);
        var byModel = ByModel(events);
        var folded = new List<FoldedModel>(models.Count);
        foreach (var model in models)
        {
            var current = new CurrentModel(model.Key, model.Name, model.Team, model.RiskTier, model.Status, [.. stages[model.Id]]);
            if (!byModel.TryGetValue(model.Key, out var since))
            {
                folded.Add(new FoldedModel(model.Id, current.Attributes(), current.VersionsInStage()));
                continue;
            }
            var state = ModelState.Backward(current, since);
            if (state.Exists)
            {
                folded.Add(new FoldedModel(model.Id, state.Attributes(), state.VersionsInStage()));
            }
        }
        return folded;
    }

    /// <summary>Each model's events in the order read, their recorded values parsed for the fields the fold uses.</summary>
    private static Dictionary<string, List<TrailEvent>> ByModel(List<EventRow> rows)
    {
        var byModel = new Dictionary<string, List<TrailEvent>>(StringComparer.Ordinal);
        foreach (var row in rows.Where(r => r.ModelKey is not null))
        {
            if (!byModel.TryGetValue(row.ModelKey!, out var list))
            {
                byModel[row.ModelKey!] = list = [];
            }
            list.Add(new TrailEvent(row.Sequence, row.OccurredAt, row.Action, row.EntityType, row.EntityId, "",
                AuditValues.Read(row.Values, row.EntityType == TrailEvent.ModelEntity ? ModelState.ModelFields : ModelState.VersionFields)));
        }
        return byModel;
    }

    private sealed record CurrentRow(int Id, string Key, string Name, string Team, RiskTier RiskTier, LifecycleStatus Status);

    private sealed record EventRow(long Sequence, DateTime OccurredAt, string Action, string EntityType, string EntityId, string? ModelKey, string? Values);
}
