using System.Data;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Access;
using Portal.Domain.Inventory;
using Portal.Domain.Versions;
using Portal.Web.Features.Shared;

namespace Portal.Web.Features.Versions;

/// <summary>Registers model versions, lists and compares them, and moves them between stages. Every method checks its permission first.</summary>
public sealed class VersionService(IDbContextFactory<PortalDbContext> dbFactory, AccessGuard guard, ModelWriteGuard writes, TimeProvider clock)
{
    /// <summary>The versions of a model, newest registration first.</summary>
    public async Task<PagedResult<VersionView>> ListAsync(Actor actor, string modelKey, int? page = null, int? pageSize = null,
        CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, Permission.ReadModels, $"versions of model {modelKey}", cancellationToken);
        var (p, size) = Paging.Normalize(page, pageSize);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var model = await FindModelAsync(db, modelKey, cancellationToken);
        var versions = db.ModelVersions.AsNoTracking().Where(v => v.ModelId == model.Id);
        var total = await versions.CountAsync(cancellationToken);
        var items = await versions.OrderByDescending(v => v.Id).Skip(Paging.Offset(p, size)).Take(size).ToListAsync(cancellationToken);
        return new PagedResult<VersionView>([.. items.Select(VersionView.From)], total);
    }

    public async Task<VersionView> GetAsync(Actor actor, string modelKey, string label, CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, Permission.ReadModels, $"version {modelKey}@{label}", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var model = await FindModelAsync(db, modelKey, cancellationToken);
        return VersionView.From(await FindVersionAsync(db.ModelVersions.AsNoTracking(), model, label, cancellationToken));
    }

    /// <summary>The version now in Production, or null when none is; for the model's overview.</summary>
    public async Task<VersionView?> CurrentProductionAsync(Actor actor, string modelKey, CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, Permission.ReadModels, $"versions of model {modelKey}", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var model = await FindModelAsync(db, modelKey, cancellationToken);
        var current = await db.ModelVersions.AsNoTracking()
            .Where(v => v.ModelId == model.Id && v.Stage == VersionStage.Production)
            .OrderByDescending(v => v.StageChangedAt).ThenByDescending(v => v.Id)
            .FirstOrDefaultAsync(cancellationToken);
        return current is null ? null : VersionView.From(current);
    }

    public async Task<VersionComparison> CompareAsync(Actor actor, string modelKey, string? left, string? right,
        CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, Permission.ReadModels, $"versions of model {modelKey}", cancellationToken);
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(left))
        {
            errors["left"] = ["Name the version to compare from (left)."];
        }
        if (string.IsNullOrWhiteSpace(right))
        {
            errors["right"] = ["Name the version to compare with (right)."];
        }
        Reject(errors);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var model = await FindModelAsync(db, modelKey, cancellationToken);
        var versions = db.ModelVersions.AsNoTracking();
        return VersionComparison.Compare(
            await FindVersionAsync(versions, model, left!, cancellationToken),
            await FindVersionAsync(versions, model, right!, cancellationToken));
    }

    public async Task<VersionView> RegisterAsync(Actor actor, string modelKey, VersionDetails details, CancellationToken cancellationToken = default)
    {
        await writes.EnsureAsync(actor, Permission.RegisterVersion, modelKey, $"version {modelKey}@{details.Label}", cancellationToken);
        Reject(VersionRules.Validate(details));
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var model = await FindModelAsync(db, modelKey, cancellationToken);
        if (model.Status == LifecycleStatus.Retired)
        {
            throw new ConflictException($"Model {model.Key} is retired; a retired model takes no new versions.");
        }
        if (await LabelExistsAsync(db, model.Id, details.Label, cancellationToken))
        {
            throw DuplicateLabel(model.Key, details.Label);
        }
        var version = ModelVersion.Register(model.Id, model.Key, details, actor.Name, clock.GetUtcNow().UtcDateTime);
        db.ModelVersions.Add(version);
        db.Actor = actor;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Someone may have registered the same label between our check and our insert.
            await using var fresh = await dbFactory.CreateDbContextAsync(cancellationToken);
            if (await LabelExistsAsync(fresh, model.Id, details.Label, cancellationToken))
            {
                throw DuplicateLabel(model.Key, details.Label);
            }
            throw;
        }
        return VersionView.From(version);
    }

    /// <summary>
    /// Moves a version to a stage. Promoting to Production archives the previous Production version in
    /// the same transaction (saved just before); the interceptor audits every version that moved.
    /// </summary>
    public async Task<StageChangeResult> SetStageAsync(Actor actor, string modelKey, string label, VersionStage stage, int expectedRevision,
        CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, Permission.SetVersionStage, $"version {modelKey}@{label}", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // Serializable (on SQLite a write lock from the start) so that two promotions cannot both miss each other's Production version.
        return await db.InUnitOfWorkAsync(() => MoveAsync(db, actor, modelKey, label, stage, expectedRevision, cancellationToken),
            IsolationLevel.Serializable, cancellationToken);
    }

    private async Task<StageChangeResult> MoveAsync(PortalDbContext db, Actor actor, string modelKey, string label, VersionStage stage,
        int expectedRevision, CancellationToken cancellationToken)
    {
        var model = await FindModelAsync(db, modelKey, cancellationToken);
        var version = await FindVersionAsync(db.ModelVersions, model, label, cancellationToken);
        if (version.Revision != expectedRevision)
        {
            throw StaleStage(version);
        }
        if (StagePolicy.MoveProblem(version, stage) is { } problem)
        {
            throw new ConflictException(problem);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var inProduction = await db.ModelVersions.Where(v => v.ModelId == model.Id && v.Stage == VersionStage.Production).ToListAsync(cancellationToken);
        db.Actor = actor;
        IReadOnlyList<ModelVersion> archived;
        try
        {
            // The version it replaces is archived and saved first: the unique index allows one Production version at a time.
            archived = await StagePolicy.MoveAsync(inProduction, version, stage, actor.Name, now, () => db.SaveChangesAsync(cancellationToken));
            await ModelStatus.FollowVersionsAsync(db, model.Id, now, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw StaleStage(await FindVersionAsync(db.ModelVersions.AsNoTracking(), model, label, cancellationToken));
        }
        catch (DbUpdateException failed) when (ProductionRace.Lost(failed, db.Model))
        {
            throw ProductionRace.Conflict(model.Key);
        }
        return new StageChangeResult(VersionView.From(version), [.. archived.Select(v => v.Label)]);
    }

    private sealed record ModelRef(int Id, string Key, LifecycleStatus Status);

    private static async Task<ModelRef> FindModelAsync(PortalDbContext db, string key, CancellationToken cancellationToken)
    {
        var normalized = ModelRules.NormalizeKey(key ?? "");
        return await db.Models.AsNoTracking()
            .Where(m => m.KeyNormalized == normalized)
            .Select(m => new ModelRef(m.Id, m.Key, m.Status))
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"No model has the key '{key}'.");
    }

    // Labels compare regardless of case; EF translates ToUpper to SQL UPPER, which string.Equals with a comparison would not.
#pragma warning disable CA1862
    private static async Task<ModelVersion> FindVersionAsync(IQueryable<ModelVersion> versions, ModelRef model, string label,
        CancellationToken cancellationToken)
    {
        var normalized = VersionRules.NormalizeLabel(label ?? "");
        return await versions.FirstOrDefaultAsync(v => v.ModelId == model.Id && v.Label.ToUpper() == normalized, cancellationToken)
            ?? throw new NotFoundException($"Model {model.Key} has no version labelled '{label}'.");
    }

    private static Task<bool> LabelExistsAsync(PortalDbContext db, int modelId, string label, CancellationToken cancellationToken)
    {
        var normalized = VersionRules.NormalizeLabel(label);
        return db.ModelVersions.AnyAsync(v => v.ModelId == modelId && v.Label.ToUpper() == normalized, cancellationToken);
    }
#pragma warning restore CA1862

    private static ConflictException StaleStage(ModelVersion current) => new(
        $"Version {current.Label} was changed by someone else since you read it (now {current.Stage} at revision {current.Revision}" +
        $"{(current.StageChangedBy is null ? "" : $", moved by {current.StageChangedBy} at {current.StageChangedAt:u}")}). Reload it, then decide again.") { IsStaleRevision = true };

    private static InputRejectedException DuplicateLabel(string modelKey, string label) =>
        InputRejectedException.For("label", $"Model {modelKey} already has a version labelled '{label.Trim()}' (labels are unique regardless of case).");

    private static void Reject(Dictionary<string, string[]> errors)
    {
        if (errors.Count > 0)
        {
            throw new InputRejectedException(errors);
        }
    }
}
