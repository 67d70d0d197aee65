using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain;
using Portal.Domain.Access;
using Portal.Domain.Audits;
using Portal.Domain.Inventory;
using Portal.Domain.Ownership;
using Portal.Domain.Teams;
using Portal.Web.Features.Shared;
using Portal.Web.Features.Shared.Evidence;

namespace Portal.Web.Features.Audits;

/// <summary>
/// Audit requests: opening one (Auditors and Compliance reviewers), reading them (those roles and Admins see all; anyone else
/// the requests about models they own or whose team they are in, or that they must answer), and the item lifecycle in
/// <c>AuditRequestService.Items.cs</c>. Every refusal is audited as Access.Denied and explained.
/// </summary>
public sealed partial class AuditRequestService(
    IDbContextFactory<PortalDbContext> dbFactory,
    AccessGuard guard,
    ModelWriteGuard writes,
    EvidenceSources evidence,
    AuditNotifications notifications,
    TimeProvider clock)
{
    private static readonly string[] SeeEveryRequest = [PortalRoles.Admin, PortalRoles.Auditor, PortalRoles.ComplianceReviewer];

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<AuditRequestRecord> OpenAsync(Actor actor, OpenAuditRequestInput input, CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, Permission.OpenAuditRequest, "audit requests", cancellationToken);
        var draft = Draft(input);
        var errors = AuditRules.Validate(draft, Now);
        if (errors.Count > 0)
        {
            throw new InputRejectedException(errors);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var models = await ModelsInScopeAsync(db, draft.ModelKeys, cancellationToken);
        var owners = await PrimaryOwnersAsync(db, models, actor, cancellationToken);
        var request = AuditRequest.Open(Guid.NewGuid(), draft, [.. models.Select(m => m.Key)], actor.Id, actor.Name, Now);
        db.AuditRequests.Add(request);
        var number = 0;
        foreach (var question in draft.Questions.Where(q => !string.IsNullOrWhiteSpace(q)))
        {
            foreach (var model in models)
            {
                var owner = owners[model.Id];
                db.AuditItems.Add(AuditItem.Ask(request.Id, ++number, model.Id, model.Key, question, owner.OwnerSubject, owner.OwnerName, Now));
            }
        }
        db.Actor = actor;
        await db.SaveChangesAsync(cancellationToken);
        await notifications.OpenedAsync(request.Id, actor, cancellationToken);
        return (await RecordsAsync(db, [request.Id], null, cancellationToken)).Single();
    }

    public async Task<PagedResult<AuditRequestSummary>> ListAsync(Actor actor, AuditRequestQuery query, CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, Permission.ReadModels, "audit requests", cancellationToken);
        if (QueryText.Problem("model", query.Model) is { } problem)
        {
            throw InputRejectedException.For("model", problem);
        }
        var (page, size) = Paging.Normalize(query.Page, query.PageSize);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var requests = await VisibleAsync(db, actor, cancellationToken);
        if (query.Status is { } status)
        {
            requests = requests.Where(r => r.Status == status);
        }
        if (!string.IsNullOrWhiteSpace(query.Model))
        {
            var key = ModelRules.NormalizeKey(query.Model);
            requests = requests.Where(r => db.AuditItems.Any(i => i.RequestId == r.Id && db.Models.Any(m => m.Id == i.ModelId && m.KeyNormalized == key)));
        }
        if (query.OpenedByMe)
        {
            requests = requests.Where(r => r.RequestedBy == actor.Id);
        }
        var total = await requests.CountAsync(cancellationToken);
        var rows = await requests.OrderBy(r => r.Status == AuditRequestStatus.Open ? 0 : 1).ThenBy(r => r.DueAt).ThenBy(r => r.Id).Skip(Paging.Offset(page, size)).Take(size)
            .Select(r => new
            {
                Request = r,
                Items = db.AuditItems.Count(i => i.RequestId == r.Id),
                Accepted = db.AuditItems.Count(i => i.RequestId == r.Id && i.Status == AuditItemStatus.Accepted),
            })
            .ToListAsync(cancellationToken);
        var now = Now;
        return new([.. rows.Select(row => new AuditRequestSummary(row.Request.Id, row.Request.Title, row.Request.Priority, row.Request.DueAt,
            row.Request.Status, row.Request.ModelKeys, row.Request.RequestedByName, row.Request.RequestedAt, row.Request.ClosedAt, row.Items, row.Accepted,
            row.Request.IsOverdueAt(now)))], total);
    }

    /// <summary>The open and returned items assigned to the reader, earliest due first.</summary>
    public async Task<IReadOnlyList<AuditItemToAnswer>> ItemsToAnswerAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.AuditItems.AsNoTracking()
            .Where(i => i.AssigneeSubject == actor.Id && (i.Status == AuditItemStatus.Open || i.Status == AuditItemStatus.Returned))
            .Join(db.AuditRequests.AsNoTracking(), i => i.RequestId, r => r.Id, (i, r) => new { Item = i, Request = r })
            .OrderBy(x => x.Request.DueAt).ThenBy(x => x.Item.Number).Take(Paging.MaxPageSize)
            .ToListAsync(cancellationToken);
        var now = Now;
        return [.. rows.Select(x => new AuditItemToAnswer(x.Request.Id, x.Request.Title, x.Item.Number, x.Item.ModelKey, x.Item.Question, x.Item.Status,
            x.Request.DueAt, x.Request.Priority, x.Item.ReturnComment, x.Request.DueAt <= now))];
    }

    public async Task<AuditRequestDetail> GetAsync(Actor actor, Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var request = await ReadableAsync(db, actor, id, cancellationToken);
        var record = (await RecordsAsync(db, [request.Id], null, cancellationToken)).Single();
        var actions = new List<AuditItemActions>();
        foreach (var item in record.Items)
        {
            actions.Add(await ActionsAsync(db, actor, request, item, cancellationToken));
        }
        return new AuditRequestDetail(record, request.IsOverdueAt(Now), actions);
    }

    /// <summary>
    /// The audit requests about the model that were open at some time in the period (opened before its end, not closed before its
    /// start), with only the model's items, their answers and frozen evidence. For the evidence package; read like the requests.
    /// </summary>
    public async Task<ModelAuditRequests> ForModelAsync(Actor actor, string modelKey, DateTimeOffset? from, DateTimeOffset? to,
        CancellationToken cancellationToken)
    {
        await guard.EnsureAsync(actor, Permission.ReadModels, $"audit requests of {modelKey}", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var model = await FindModelAsync(db, modelKey, cancellationToken);
        var (start, end) = (from?.UtcDateTime, to?.UtcDateTime);
        var ids = await (await VisibleAsync(db, actor, cancellationToken))
            .Where(r => db.AuditItems.Any(i => i.RequestId == r.Id && i.ModelId == model.Id))
            .Where(r => (end == null || r.RequestedAt < end) && (start == null || r.ClosedAt == null || r.ClosedAt >= start))
            .OrderBy(r => r.RequestedAt).Select(r => r.Id).ToListAsync(cancellationToken);
        return new ModelAuditRequests(model.Key, from, to, await RecordsAsync(db, ids, model.Key, cancellationToken));
    }

    /// <summary>Whether the reader may see any request at all beyond their own items; for the page's filters.</summary>
    public static bool SeesEveryRequest(Actor actor) => actor.Roles.Overlaps(SeeEveryRequest);

    private static AuditRequestDraft Draft(OpenAuditRequestInput input)
    {
        var priority = string.IsNullOrWhiteSpace(input.Priority) ? AuditPriority.Normal : AuditRules.ParsePriority(input.Priority);
        if (priority is null)
        {
            throw InputRejectedException.For("priority", AuditRules.PriorityMessage);
        }
        if (input.DueAt is null)
        {
            throw InputRejectedException.For("dueAt", "Give the date by which the answers are due.");
        }
        return new AuditRequestDraft(input.Title ?? "", [.. (input.Models ?? []).Select(m => m?.Trim() ?? "").Distinct(StringComparer.OrdinalIgnoreCase)],
            input.Questions ?? [], Utc(input.DueAt.Value), priority.Value, Utc(input.ScopeFrom), Utc(input.ScopeTo));
    }

    private static DateTime Utc(DateTime at) => at.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(at, DateTimeKind.Utc) : at.ToUniversalTime();

    private static DateTime? Utc(DateTime? at) => at is { } value ? Utc(value) : null;

    private static async Task<List<Model>> ModelsInScopeAsync(PortalDbContext db, IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        var normalized = keys.Select(ModelRules.NormalizeKey).ToList();
        var models = await db.Models.AsNoTracking().Where(m => normalized.Contains(m.KeyNormalized)).ToListAsync(cancellationToken);
        var missing = keys.Where(k => models.All(m => m.KeyNormalized != ModelRules.NormalizeKey(k))).ToList();
        if (missing.Count > 0)
        {
            throw InputRejectedException.For("models", $"No model has the key {string.Join(", ", missing)}.");
        }
        return [.. normalized.Select(n => models.Single(m => m.KeyNormalized == n))];
    }

    /// <summary>Each model's active primary owner, who is asked; a model without one, or owned by the requester, cannot be asked about yet.</summary>
    private static async Task<Dictionary<int, OwnershipAssignment>> PrimaryOwnersAsync(PortalDbContext db, List<Model> models, Actor requester,
        CancellationToken cancellationToken)
    {
        var ids = models.Select(m => m.Id).ToList();
        var owners = await db.OwnershipAssignments.AsNoTracking()
            .Where(o => ids.Contains(o.ModelId) && o.EndedAt == null && o.Role == OwnerRole.Primary)
            .ToDictionaryAsync(o => o.ModelId, cancellationToken);
        var orphaned = models.Where(m => !owners.ContainsKey(m.Id)).Select(m => m.Key).ToList();
        if (orphaned.Count > 0)
        {
            throw InputRejectedException.For("models",
                $"{string.Join(", ", orphaned)} {(orphaned.Count == 1 ? "has" : "have")} no active primary owner to answer; its team's manager assigns one first.");
        }
        var own = models.Where(m => owners[m.Id].OwnerSubject == requester.Id).Select(m => m.Key).ToList();
        if (own.Count > 0)
        {
            throw InputRejectedException.For("models", $"You are the primary owner of {string.Join(", ", own)}: someone else asks about the models you answer for.");
        }
        return owners;
    }

    private static async Task<Model> FindModelAsync(PortalDbContext db, string modelKey, CancellationToken cancellationToken)
    {
        var normalized = ModelRules.NormalizeKey(modelKey ?? "");
        return await db.Models.AsNoTracking().SingleOrDefaultAsync(m => m.KeyNormalized == normalized, cancellationToken)
            ?? throw new NotFoundException($"No model has the key '{modelKey}'.");
    }

    /// <summary>
    /// The requests the reader may see: every one for Admins, Auditors and Compliance reviewers; otherwise those they opened, those
    /// with an item assigned to them, and those about models they own or whose team they are in (a token: the teams it is scoped to).
    /// </summary>
    private static async Task<IQueryable<AuditRequest>> VisibleAsync(PortalDbContext db, Actor actor, CancellationToken cancellationToken)
    {
        var requests = db.AuditRequests.AsNoTracking();
        if (SeesEveryRequest(actor))
        {
            return requests;
        }
        var modelIds = await ModelsOfAsync(db, actor, cancellationToken);
        return requests.Where(r => r.RequestedBy == actor.Id
            || db.AuditItems.Any(i => i.RequestId == r.Id && (i.AssigneeSubject == actor.Id || modelIds.Contains(i.ModelId))));
    }

    /// <summary>The models the actor owns or whose team they are in (a token: also its scoped teams'); teams are read in memory, they are few.</summary>
    private static async Task<List<int>> ModelsOfAsync(PortalDbContext db, Actor actor, CancellationToken cancellationToken)
    {
        List<string> teams =
        [
            .. (actor.TokenTeams ?? new HashSet<string>()).Select(Team.Normalize),
            .. (await db.Teams.AsNoTracking().ToListAsync(cancellationToken)).Where(t => t.IsMember(actor.Id)).Select(t => t.NameNormalized),
        ];
        List<int> owned = actor.IsServiceToken ? [] : await db.OwnershipAssignments.AsNoTracking()
            .Where(o => o.OwnerSubject == actor.Id && o.EndedAt == null).Select(o => o.ModelId).ToListAsync(cancellationToken);
        List<int> ofTeams = teams.Count == 0 ? [] : await db.Models.AsNoTracking().Where(m => teams.Contains(m.Team.ToUpper())).Select(m => m.Id)
            .ToListAsync(cancellationToken);
        return [.. owned.Union(ofTeams)];
    }

    /// <summary>The request when the reader may see it; 404 when there is none, 403 (audited) when it is not theirs to see.</summary>
    private async Task<AuditRequest> ReadableAsync(PortalDbContext db, Actor actor, Guid id, CancellationToken cancellationToken)
    {
        var target = $"audit request {id}";
        await guard.EnsureAsync(actor, Permission.ReadModels, target, cancellationToken);
        var request = await db.AuditRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken)
            ?? throw new NotFoundException($"No audit request has the id {id}.");
        if (!await (await VisibleAsync(db, actor, cancellationToken)).AnyAsync(r => r.Id == id, cancellationToken))
        {
            await writes.RefuseAsync(actor, Permission.ReadModels, target,
                "An audit request is seen by Admins, Auditors, Compliance reviewers, its requester, and the people of the models it is about.",
                request.ModelKeys.FirstOrDefault(), cancellationToken);
        }
        return request;
    }

    /// <summary>The requests with their items (only the model's when <paramref name="modelKey"/> is given), answers and evidence.</summary>
    private static async Task<IReadOnlyList<AuditRequestRecord>> RecordsAsync(PortalDbContext db, IReadOnlyList<Guid> ids, string? modelKey,
        CancellationToken cancellationToken)
    {
        var requests = await db.AuditRequests.AsNoTracking().Where(r => ids.Contains(r.Id)).ToListAsync(cancellationToken);
        var items = await db.AuditItems.AsNoTracking().Where(i => ids.Contains(i.RequestId) && (modelKey == null || i.ModelKey == modelKey))
            .ToListAsync(cancellationToken);
        var answers = await db.AuditAnswers.AsNoTracking().Include(a => a.Evidence)
            .Where(a => ids.Contains(a.RequestId) && (modelKey == null || a.ModelKey == modelKey)).ToListAsync(cancellationToken);
        return [.. ids.Select(id => requests.Single(r => r.Id == id)).Select(r => new AuditRequestRecord(r.Id, r.Title, r.Priority, r.DueAt, r.Status,
            r.ModelKeys, r.ScopeFrom, r.ScopeTo, r.RequestedBy, r.RequestedByName, r.RequestedAt, r.ClosedAt,
            [.. items.Where(i => i.RequestId == r.Id).OrderBy(i => i.Number).Select(i => ItemRecord(i, answers))]))];
    }

    private static AuditItemRecord ItemRecord(AuditItem item, IEnumerable<AuditAnswer> answers) =>
        new(item.Number, item.ModelKey, item.Question, item.AssigneeSubject, item.AssigneeName, item.Status, item.Round, item.ReturnComment,
            item.UpdatedAt, item.Revision,
            [.. answers.Where(a => a.RequestId == item.RequestId && a.ItemNumber == item.Number).OrderBy(a => a.Round).Select(a => new AuditAnswerRecord(
                a.Round, a.Text, a.AnsweredBy, a.AnsweredByName, a.AnsweredAt, a.Decision, a.DecidedByName, a.DecidedAt, a.DecisionComment,
                [.. a.Evidence.OrderBy(e => e.Position).Select(e => new EvidenceRecord(e.Position, e.Snapshot(), e.CapturedBy, e.Snapshot().IsIntact))]))]);
}
