using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Inventory;
using Portal.Domain.PointInTime;
using Portal.Domain.Versions;

namespace Portal.Web.Features.PointInTime;

/// <summary>A model that existed at the moment, with its state then.</summary>
internal sealed record FoldedModel(int ModelId, ModelState State);

/// <summary>
/// Every model's state at a moment in three bulk reads, never a query per model: the models registered by then, and the model
/// and stage-change events on the shorter side of the moment, folded forward from registration (an early moment) or back from
/// the current rows (a recent one). Both folds give the same state (see ModelStateTests); the side is chosen by sequence numbers.
/// </summary>
internal static class InventoryFold
{
    public static async Task<List<FoldedModel>> StatesAsync(PortalDbContext db, DateTime asOf, long through, CancellationToken cancellationToken)
    {
        var models = await db.Models.AsNoTracking().Where(m => m.RegisteredAt <= asOf)
            .Select(m => new CurrentRow(m.Id, m.Key, m.Name, m.Team, m.RiskTier, m.Status)).ToListAsync(cancellationToken);
        var last = await TrailCutoff.LastAsync(db, cancellationToken);
        var folded = last - through <= through
            ? await BackwardAsync(db, models, through, cancellationToken)
            : await ForwardAsync(db, models, through, cancellationToken);
        return [.. folded.Where(f => f.State.Exists)];
    }

    private static async Task<IEnumerable<FoldedModel>> ForwardAsync(PortalDbContext db, List<CurrentRow> models, long through,
        CancellationToken cancellationToken)
    {
        var events = await db.AuditEvents.AsNoTracking()
            .Where(a => a.Sequence <= through && (a.EntityType == TrailEvent.ModelEntity || a.Action == TrailEvent.StageChanged))
            .OrderBy(a => a.Sequence)
            .Select(a => new EventRow(a.Sequence, a.OccurredAt, a.Action, a.EntityType, a.EntityId, a.ModelKey, a.After))
            .ToListAsync(cancellationToken);
        var byModel = ByModel(events);
        return models.Select(m => new FoldedModel(m.Id, ModelState.Forward(m.Key, byModel.GetValueOrDefault(m.Key) ?? [])));
    }

    private static async Task<IEnumerable<FoldedModel>> BackwardAsync(PortalDbContext db, List<CurrentRow> models, long through,
        CancellationToken cancellationToken)
    {
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
        return models.Select(m => new FoldedModel(m.Id, ModelState.Backward(
            new CurrentModel(m.Key, m.Name, m.Team, m.RiskTier, m.Status, [.. stages[m.Id]]), byModel.GetValueOrDefault(m.Key) ?? [])));
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
