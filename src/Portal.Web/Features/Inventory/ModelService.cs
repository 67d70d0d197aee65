using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Access;
using Portal.Domain.Inventory;
using Portal.Domain.Ownership;
using Portal.Domain.Releases;
using Portal.Web.Features.ModelCards;
using Portal.Web.Features.Notifications;
using Portal.Web.Features.Shared;

namespace Portal.Web.Features.Inventory;

/// <summary>Registers, finds, edits and retires models. Every method checks its permission first.</summary>
public sealed class ModelService(IDbContextFactory<PortalDbContext> dbFactory, AccessGuard guard, TimeProvider clock, ModelWriteGuard writes,
    NotificationService notifications, InventoryTextIndex textIndex)
{

    /// <summary>The API path that changes a model's risk tier or team, named in refusals of the ordinary edit.</summary>
    public const string ClassificationPath = "PUT /api/v1/models/{key}/classification";

    public async Task<PagedResult<ModelSummary>> SearchAsync(Actor actor, ModelQuery query, CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, Permission.ReadModels, "model inventory", cancellationToken);
        RejectControlCharacters(query);
        var text = await PlanSearchAsync(query, cancellationToken);
        // On a large inventory the count and the page each read many index entries: they run at once, on their own
        // connections (SQLite's "async" calls complete synchronously, hence the thread pool).
        var total = Task.Run(() => CountAsync(actor, query, text, cancellationToken), cancellationToken);
        var items = Task.Run(() => PageAsync(actor, query, text, cancellationToken), cancellationToken);
        await Task.WhenAll(total, items);
        var (count, capped) = await total;
        return new PagedResult<ModelSummary>(await items, count, capped);
    }

    private static void RejectControlCharacters(ModelQuery query)
    {
        var errors = query.TextProblems();
        if (errors.Count > 0)
        {
            throw new InputRejectedException(errors);
        }
    }

    /// <summary>How to find the query's search text; a text is broad when its index finds more models than the count limit.</summary>
    private async Task<TextSearch?> PlanSearchAsync(ModelQuery query, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(query.Search))
        {
            return null;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var limit = query.CountLimit ?? ModelQuery.DefaultCountLimit;
        return await TextSearch.PlanAsync(db, query.Search.Trim(), textIndex.FullText, limit + 1, cancellationToken);
    }

    /// <summary>
    /// The exact count, except under a count limit of a broad search or a card filter, which stop counting at the limit: a card
    /// filter checks each model's card state, and most models of a large inventory usually match it.
    /// </summary>
    private async Task<(int Count, bool Capped)> CountAsync(Actor actor, ModelQuery query, TextSearch? text, CancellationToken cancellationToken)
    {
        var limit = text is { Broad: true } || query.Card is not null ? query.CountLimit : null;
        if (limit is not null && query.SearchesOnly)
        {
            // The plan already found more matches than the limit.
            return (limit.Value, true);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var sets = new ModelIdSets();
        var filtered = Filtered(db, query, await ScopeAsync(db, actor, query, cancellationToken), text, onePage: false, sets);
        if (sets.Only is { } ids)
        {
            // Every id in a set is a model's (foreign keys), so the sets' distinct ids are the count.
            return (await ids.Distinct().CountAsync(cancellationToken), false);
        }
        if (limit is null)
        {
            return (await filtered.CountAsync(cancellationToken), false);
        }
        // A count up to a limit does not depend on the order, but a limit without one is undefined (EF warns): order by the key.
        var count = await filtered.OrderBy(m => m.Id).Take(limit.Value + 1).CountAsync(cancellationToken);
        return (Math.Min(count, limit.Value), count > limit);
    }

    private async Task<List<ModelSummary>> PageAsync(Actor actor, ModelQuery query, TextSearch? text, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var scope = await ScopeAsync(db, actor, query, cancellationToken);
        var sets = new ModelIdSets();
        var filtered = Filtered(db, query, scope, text, onePage: true, sets);
        if (sets.Ids is { } ids && await ids.OrderBy(id => id).Take(ModelIdSets.LargeSet).CountAsync(cancellationToken) == ModelIdSets.LargeSet)
        {
            filtered = Filtered(db, query, scope, text, onePage: true, new ModelIdSets(walkFirst: true));
        }
        return await PageOf(db, query, filtered).ToListAsync(cancellationToken);
    }

    /// <summary>The query's page of the filtered models, in its order.</summary>
    internal static IQueryable<ModelSummary> PageOf(PortalDbContext db, ModelQuery query, IQueryable<Model> filtered)
    {
        var (page, pageSize) = Paging.Normalize(query.Page, query.PageSize);
        return Summaries(db, filtered.Sort(query.Sort, query.Descending).Skip(Paging.Offset(page, pageSize)).Take(pageSize));
    }

    /// <summary>Every model matching the query, in its order, for exports: streamed, never loaded whole.</summary>
    public async IAsyncEnumerable<ModelSummary> ExportAsync(Actor actor, ModelQuery query,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, Permission.ReadModels, "model inventory export", cancellationToken);
        RejectControlCharacters(query);
        var text = await PlanSearchAsync(query, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var filtered = Filtered(db, query, await ScopeAsync(db, actor, query, cancellationToken), text, onePage: false, new ModelIdSets());
        await foreach (var row in Summaries(db, filtered.Sort(query.Sort, query.Descending)).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return row;
        }
    }

    /// <summary>The "mine" or "my teams" view of the query, resolved for the actor.</summary>
    private static async Task<InventoryScope> ScopeAsync(PortalDbContext db, Actor actor, ModelQuery query, CancellationToken cancellationToken) =>
        query.View switch
        {
            InventoryView.Mine => new InventoryScope(actor.Id, null),
            InventoryView.MyTeams => new InventoryScope(null, await TeamsOfAsync(db, actor.Id, cancellationToken)),
            _ => InventoryScope.Everything,
        };

    internal static IQueryable<Model> Filtered(PortalDbContext db, ModelQuery query, InventoryScope scope, TextSearch? text, bool onePage,
        ModelIdSets sets)
    {
        var sources = new InventorySources(db.OwnershipAssignments, db.Users, db.Flags, db.ModelTags, search => search.Ids(db), db.ModelCardStates,
            search => search.CardIds(db));
        return db.Models.AsNoTracking().Filter(query, sources, scope, text, onePage, sets);
    }

    /// <summary>The names of the teams a person belongs to (members are stored with each team).</summary>
    private static async Task<IReadOnlyList<string>> TeamsOfAsync(PortalDbContext db, string subject, CancellationToken cancellationToken) =>
        await db.Teams.AsNoTracking().Where(t => t.Members.Any(m => m.Subject == subject)).Select(t => t.Name).ToListAsync(cancellationToken);

    private static IQueryable<ModelSummary> Summaries(PortalDbContext db, IQueryable<Model> models) =>
        models.Select(m => new ModelSummary(m.Key, m.Name, m.Team, m.RiskTier, m.Status, m.Tags, m.UpdatedAt,
            db.OwnershipAssignments
                .Where(o => o.ModelId == m.Id && o.EndedAt == null && o.Role == OwnerRole.Primary)
                .Select(o => o.OwnerName)
                .FirstOrDefault(),
            db.Flags.Count(f => f.ModelId == m.Id && f.ResolvedAt == null)));

    public async Task<ModelView> GetAsync(Actor actor, string key, CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, Permission.ReadModels, $"model {key}", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var model = await FindAsync(db.Models.AsNoTracking(), key, cancellationToken);
        return ModelView.From(model);
    }

    public async Task<ModelView> RegisterAsync(Actor actor, ModelDetails details, CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, Permission.RegisterModel, $"model {details.Key}", cancellationToken);
        Reject(ModelRules.Validate(details, isNew: true));
        await writes.EnsureCanRegisterAsync(actor, details.Key, details.Team, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var normalized = ModelRules.NormalizeKey(details.Key);
        if (await db.Models.AnyAsync(m => m.KeyNormalized == normalized, cancellationToken))
        {
            throw DuplicateKey(details.Key);
        }
        var model = Model.Register(details, actor.Name, clock.GetUtcNow().UtcDateTime);
        db.Models.Add(model);
        db.Actor = actor;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Someone may have registered the same key between our check and our insert.
            if (await KeyExistsAsync(normalized, cancellationToken))
            {
                throw DuplicateKey(details.Key);
            }
            throw;
        }
        return ModelView.From(model);
    }

    /// <summary>Edits the model's descriptive fields; its risk tier and team change only through <see cref="ClassifyAsync"/>.</summary>
    public async Task<ModelView> UpdateAsync(Actor actor, string key, ModelDetails details, int? expectedRevision,
        CancellationToken cancellationToken = default)
    {
        await writes.EnsureAsync(actor, Permission.EditModel, key, $"model {key}", cancellationToken);
        var revision = ModelRequestParsing.RequireRevision(expectedRevision);
        Reject(ModelRules.Validate(details, isNew: false));
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var current = await FindAsync(db.Models.AsNoTracking(), key, cancellationToken);
        if (current.ChangesClassification(details))
        {
            await RefuseClassificationEditAsync(actor, current, cancellationToken);
        }
        return await ChangeAsync(actor, key, revision, model =>
        {
            if (model.ChangesClassification(details))
            {
                throw new ConflictException($"The risk tier or team of {model.Key} changed meanwhile; reload it and edit again.");
            }
            model.Edit(details, clock.GetUtcNow().UtcDateTime);
        }, cancellationToken);
    }

    /// <summary>
    /// Changes the risk tier and team (a ComplianceReviewer or an Admin, with a reason). They decide the release policy and
    /// who may act on the model, so they do not change while a release request is pending.
    /// </summary>
    public async Task<ModelView> ClassifyAsync(Actor actor, string key, RiskTier? riskTier, string team, string reason, int? expectedRevision,
        CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, Permission.ClassifyModel, $"classification of model {key}", cancellationToken);
        var revision = ModelRequestParsing.RequireRevision(expectedRevision);
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > ModelRules.ClassificationReasonMaxLength)
        {
            errors["reason"] = [$"A reason (at most {ModelRules.ClassificationReasonMaxLength} characters) is required to change a model's risk tier or team."];
        }
        if (ModelRules.TierProblem(riskTier) is { } tierProblem)
        {
            errors["riskTier"] = [tierProblem];
        }
        if (string.IsNullOrWhiteSpace(team) || team.Trim().Length > ModelRules.TeamMaxLength || team.Any(char.IsControl))
        {
            errors["team"] = [$"Team is required, at most {ModelRules.TeamMaxLength} characters on one line."];
        }
        Reject(errors);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var model = await FindAsync(db.Models, key, cancellationToken);
        if (await db.ReleaseRequests.AnyAsync(r => r.ModelId == model.Id && r.Status == ReleaseStatus.Pending, cancellationToken))
        {
            throw new ConflictException($"Model {model.Key} has a pending release request, which is judged by its current risk tier; " +
                "have it decided or withdrawn before changing the tier or team.");
        }
        var read = model.Revision;
        // The tier decides the card's template: its completeness is judged again, saved with the classification.
        var template = await CardModels.TemplateAsync(db, riskTier!.Value, clock.GetUtcNow().UtcDateTime, cancellationToken);
        await CardStates.JudgeAsync(db, template, model.Id, cancellationToken);
        await RevisionedChange.ApplyAsync(db, actor, model, read != revision,
            m => m.Classify(riskTier!.Value, team, reason, clock.GetUtcNow().UtcDateTime), () => Task.FromResult(StaleEdit(model)), cancellationToken);
        return ModelView.From(model);
    }

    /// <summary>
    /// Retires the model and, in the same transaction, withdraws its pending release requests (their requesters are told).
    /// </summary>
    public async Task<ModelView> RetireAsync(Actor actor, string key, string reason, int? expectedRevision,
        CancellationToken cancellationToken = default)
    {
        await writes.EnsureAsync(actor, Permission.RetireModel, key, $"model {key}", cancellationToken);
        var revision = ModelRequestParsing.RequireRevision(expectedRevision);
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > ModelRules.RetirementReasonMaxLength)
        {
            throw InputRejectedException.For("reason", $"A reason (at most {ModelRules.RetirementReasonMaxLength} characters) is required to retire a model.");
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var model = await FindAsync(db.Models, key, cancellationToken);
        var pending = await db.ReleaseRequests.Where(r => r.ModelId == model.Id && r.Status == ReleaseStatus.Pending).ToListAsync(cancellationToken);
        var read = model.Revision;
        var now = clock.GetUtcNow().UtcDateTime;
        await RevisionedChange.ApplyAsync(db, actor, model, read != revision, m =>
        {
            m.Retire(reason, now);
            pending.ForEach(r => r.Withdraw(actor.Name, now, RetiredWithdrawalReason));
        }, () => Task.FromResult(StaleEdit(model)), cancellationToken);
        foreach (var request in pending)
        {
            await notifications.NotifyAsync([request.RequestedBy], Releases.ReleaseNotifications.Category, $"Release of {request.ModelKey}@{request.VersionLabel} withdrawn",
                $"{actor.Name} retired {request.ModelKey}, so your pending release request {request.Id} to {request.TargetStage} was withdrawn.",
                $"/releases/{request.Id}", cancellationToken);
        }
        return ModelView.From(model);
    }

    /// <summary>The reason a pending release request records when its model is retired.</summary>
    public const string RetiredWithdrawalReason = "model retired";

    /// <summary>Whether the actor may perform <paramref name="permission"/> on the model; for showing buttons.</summary>
    public Task<bool> CanAsync(Actor actor, Permission permission, string key, CancellationToken cancellationToken = default) =>
        permission == Permission.ClassifyModel
            ? Task.FromResult(actor.Can(permission))
            : writes.CanAsync(actor, permission, key, cancellationToken);

    private async Task RefuseClassificationEditAsync(Actor actor, Model model, CancellationToken cancellationToken)
    {
        var where = $"The risk tier and team of {model.Key} change only through {ClassificationPath} (the Classification button on the model page), with a reason";
        if (actor.Can(Permission.ClassifyModel))
        {
            throw new InputRejectedException(new Dictionary<string, string[]>
            {
                ["riskTier"] = [$"{where}; the ordinary edit keeps them as they are."],
            });
        }
        await writes.RefuseAsync(actor, Permission.ClassifyModel, $"classification of model {model.Key}",
            $"{RolePermissions.ExplainDenial(actor.Roles, Permission.ClassifyModel)} {where}.", model.Key, cancellationToken);
    }

    public async Task<IReadOnlyList<string>> TeamsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Models.AsNoTracking().Select(m => m.Team).Distinct().OrderBy(t => t).ToListAsync(cancellationToken);
    }

    public async Task<InventoryCounts> CountAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, Permission.ReadModels, "model inventory", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var groups = await db.Models.AsNoTracking()
            .GroupBy(m => new { m.Status, m.RiskTier })
            .Select(g => new { g.Key.Status, g.Key.RiskTier, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var teams = await db.Models.AsNoTracking().Select(m => m.Team).Distinct().CountAsync(cancellationToken);
        return new InventoryCounts(
            groups.Sum(g => g.Count),
            groups.GroupBy(g => g.Status).ToDictionary(g => g.Key, g => g.Sum(x => x.Count)),
            groups.Where(g => g.Status != LifecycleStatus.Retired).GroupBy(g => g.RiskTier).ToDictionary(g => g.Key, g => g.Sum(x => x.Count)),
            teams);
    }

    private async Task<ModelView> ChangeAsync(Actor actor, string key, int expectedRevision, Action<Model> change,
        CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var model = await FindAsync(db.Models, key, cancellationToken);
        var read = model.Revision;
        await RevisionedChange.ApplyAsync(db, actor, model, read != expectedRevision, change,
            async () => StaleEdit(read != expectedRevision ? model : await FindAsync(db.Models.AsNoTracking(), key, cancellationToken)),
            cancellationToken);
        return ModelView.From(model);
    }

    private static async Task<Model> FindAsync(IQueryable<Model> models, string key, CancellationToken cancellationToken)
    {
        var normalized = ModelRules.NormalizeKey(key ?? "");
        return await models.SingleOrDefaultAsync(m => m.KeyNormalized == normalized, cancellationToken)
            ?? throw new NotFoundException($"No model has the key '{key}'.");
    }

    private async Task<bool> KeyExistsAsync(string normalized, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Models.AnyAsync(m => m.KeyNormalized == normalized, cancellationToken);
    }

    private static ConflictException StaleEdit(Model current) => new(
        $"Model {current.Key} was changed by someone else since you opened it (now at revision {current.Revision}, last updated {current.UpdatedAt:u}). " +
        "Reload it to see their changes, then make yours again.");

    private static InputRejectedException DuplicateKey(string key) =>
        InputRejectedException.For("key", $"A model with the key '{key.Trim()}' already exists (keys are unique regardless of case).");

    private static void Reject(Dictionary<string, string[]> errors)
    {
        if (errors.Count > 0)
        {
            throw new InputRejectedException(errors);
        }
    }
}
