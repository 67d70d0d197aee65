using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Access;
using Portal.Domain.Audits;
using Portal.Domain.Teams;
using Portal.Web.Features.Shared;
using Portal.Web.Features.Shared.Evidence;

namespace Portal.Web.Features.Audits;

/// <summary>
/// The item lifecycle: only the assignee answers (with evidence frozen as they may read it), only the requester accepts or returns,
/// only a manager of the model's team or an Admin reassigns. Each change checks the item revision the person read (409 when stale).
/// </summary>
public sealed partial class AuditRequestService
{
    public async Task<AuditItemRecord> AnswerAsync(Actor actor, Guid requestId, int number, AnswerInput input, CancellationToken cancellationToken = default)
    {
        var target = Target(requestId, number);
        await guard.EnsureAsync(actor, Permission.AnswerAuditItem, target, cancellationToken);
        var (request, item) = await ReadItemAsync(requestId, number, cancellationToken);
        if (AuditRules.WhoAnswersProblem(actor, item) is { } problem)
        {
            await writes.RefuseAsync(actor, Permission.AnswerAuditItem, target, problem, item.ModelKey, cancellationToken);
        }
        EnsureOpen(request);
        if (AuditRules.AnswerProblem(input.Text) is { } textProblem)
        {
            throw InputRejectedException.For("text", textProblem);
        }
        // Captured before the change, each as the assignee may read it: a refused or missing record stops the answer with nothing written.
        var snapshots = await evidence.CaptureAsync(actor, item.ModelKey, input.Evidence ?? [], cancellationToken);
        await ChangeAsync(actor, requestId, number, input.Revision, (db, tracked, _) =>
        {
            tracked.MarkAnswered(Now);
            db.AuditAnswers.Add(AuditAnswer.Give(tracked, input.Text!, snapshots, actor.Id, actor.Name, Now));
            return Task.CompletedTask;
        }, cancellationToken);
        await notifications.AnsweredAsync(requestId, number, actor, cancellationToken);
        return await ItemAsync(requestId, number, cancellationToken);
    }

    public Task<AuditItemRecord> AcceptAsync(Actor actor, Guid requestId, int number, DecisionInput input, CancellationToken cancellationToken = default) =>
        DecideAsync(actor, requestId, number, input, AnswerDecision.Accepted, cancellationToken);

    public Task<AuditItemRecord> ReturnAsync(Actor actor, Guid requestId, int number, DecisionInput input, CancellationToken cancellationToken = default) =>
        DecideAsync(actor, requestId, number, input, AnswerDecision.Returned, cancellationToken);

    public async Task<AuditItemRecord> ReassignAsync(Actor actor, Guid requestId, int number, ReassignInput input, CancellationToken cancellationToken = default)
    {
        var target = Target(requestId, number);
        await guard.EnsureAsync(actor, Permission.ReassignAuditItem, target, cancellationToken);
        var (request, item) = await ReadItemAsync(requestId, number, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var model = await db.Models.AsNoTracking().SingleAsync(m => m.Id == item.ModelId, cancellationToken);
        if (!TeamScope.CanManageModelsOf(actor, model.Team, await db.Teams.AsNoTracking().ToListAsync(cancellationToken)))
        {
            await writes.RefuseAsync(actor, Permission.ReassignAuditItem, target,
                $"Reassigning a question about {model.Key} needs a manager of team {model.Team} or an Admin.", model.Key, cancellationToken);
        }
        EnsureOpen(request);
        var subject = input.Assignee?.Trim() ?? "";
        if (subject.Length == 0 || subject.Length > Domain.FieldLengths.Identity || Domain.QueryText.HasControlCharacter(subject))
        {
            throw InputRejectedException.For("assignee", "Name the person who answers from now on by their subject.");
        }
        var person = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Subject == subject, cancellationToken);
        var people = await ModelWriteGuard.PeopleAsync(db, model, cancellationToken);
        if (AuditRules.NewAssigneeProblem(subject, person?.IsActive == true, people.Owners.Contains(subject) || people.TeamMembers.Contains(subject),
            request, model.Key) is { } problem)
        {
            throw InputRejectedException.For("assignee", problem);
        }
        var previous = item.AssigneeSubject;
        await ChangeAsync(actor, requestId, number, input.Revision, (_, tracked, _) =>
        {
            tracked.Reassign(subject, person!.Name, Now);
            return Task.CompletedTask;
        }, cancellationToken);
        await notifications.ReassignedAsync(requestId, number, previous, actor, cancellationToken);
        return await ItemAsync(requestId, number, cancellationToken);
    }

    /// <summary>The people an item may be given to: the model's active owners and team members, except the requester and the assignee.</summary>
    public async Task<IReadOnlyList<AssigneeChoice>> AssigneeChoicesAsync(Actor actor, Guid requestId, int number, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var request = await ReadableAsync(db, actor, requestId, cancellationToken);
        var item = await db.AuditItems.AsNoTracking().SingleOrDefaultAsync(i => i.RequestId == requestId && i.Number == number, cancellationToken)
            ?? throw new NotFoundException($"Audit request {requestId} has no item {number}.");
        var model = await db.Models.AsNoTracking().SingleAsync(m => m.Id == item.ModelId, cancellationToken);
        var people = await ModelWriteGuard.PeopleAsync(db, model, cancellationToken);
        var subjects = people.Owners.Union(people.TeamMembers).Except([request.RequestedBy, item.AssigneeSubject]).ToList();
        return await db.Users.AsNoTracking().Where(u => subjects.Contains(u.Subject) && u.IsActive).OrderBy(u => u.Name)
            .Select(u => new AssigneeChoice(u.Subject, u.Name)).ToListAsync(cancellationToken);
    }

    private async Task<AuditItemRecord> DecideAsync(Actor actor, Guid requestId, int number, DecisionInput input, AnswerDecision decision,
        CancellationToken cancellationToken)
    {
        var target = Target(requestId, number);
        await guard.EnsureAsync(actor, Permission.OpenAuditRequest, target, cancellationToken);
        var (request, item) = await ReadItemAsync(requestId, number, cancellationToken);
        if (AuditRules.WhoDecidesProblem(actor, request) is { } problem)
        {
            await writes.RefuseAsync(actor, Permission.OpenAuditRequest, target, problem, item.ModelKey, cancellationToken);
        }
        EnsureOpen(request);
        var commentProblem = decision == AnswerDecision.Returned ? AuditRules.ReturnCommentProblem(input.Comment) : AuditRules.CommentProblem(input.Comment);
        if (commentProblem is not null)
        {
            throw InputRejectedException.For("comment", commentProblem);
        }
        await ChangeAsync(actor, requestId, number, input.Revision, async (db, tracked, trackedRequest) =>
        {
            // The item's own rule first: only an answered item is accepted or returned.
            if (decision == AnswerDecision.Accepted)
            {
                tracked.Accept(Now);
            }
            else
            {
                tracked.Return(input.Comment!, Now);
            }
            var answer = await db.AuditAnswers.SingleAsync(a => a.RequestId == requestId && a.ItemNumber == number && a.Round == tracked.Round, cancellationToken);
            answer.Decide(decision, actor.Name, input.Comment, Now);
            var others = await db.AuditItems.AsNoTracking().Where(i => i.RequestId == requestId && i.Number != number).ToListAsync(cancellationToken);
            trackedRequest.CloseIfDone(others.Append(tracked), Now);
        }, cancellationToken);
        if (decision == AnswerDecision.Accepted)
        {
            await notifications.AcceptedAsync(requestId, number, actor, cancellationToken);
        }
        else
        {
            await notifications.ReturnedAsync(requestId, number, actor, cancellationToken);
        }
        return await ItemAsync(requestId, number, cancellationToken);
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the tracked item and request in one unit of work, after checking the revision the person
    /// read; a domain refusal (wrong state) and a lost race are conflicts (409), so no update is ever lost.
    /// </summary>
    private async Task ChangeAsync(Actor actor, Guid requestId, int number, int? revision, Func<PortalDbContext, AuditItem, AuditRequest, Task> change,
        CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.InUnitOfWorkAsync(async () =>
        {
            var request = await db.AuditRequests.SingleAsync(r => r.Id == requestId, cancellationToken);
            var item = await db.AuditItems.SingleAsync(i => i.RequestId == requestId && i.Number == number, cancellationToken);
            if (revision is { } read && read != item.Revision)
            {
                throw Stale(item);
            }
            try
            {
                await change(db, item, request);
            }
            catch (InvalidOperationException refused)
            {
                throw new ConflictException(refused.Message);
            }
            db.Actor = actor;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                throw Stale(item);
            }
        }, cancellationToken: cancellationToken);
    }

    private static ConflictException Stale(AuditItem item) =>
        new($"Item {item.Number} changed since you read it (it is now {item.Status}, revision {item.Revision}); reload and try again.");

    private static void EnsureOpen(AuditRequest request)
    {
        if (request.Status == AuditRequestStatus.Closed)
        {
            throw new ConflictException($"The request \"{request.Title}\" is closed: every answer was accepted.");
        }
    }

    private async Task<(AuditRequest Request, AuditItem Item)> ReadItemAsync(Guid requestId, int number, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var request = await db.AuditRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == requestId, cancellationToken)
            ?? throw new NotFoundException($"No audit request has the id {requestId}.");
        var item = await db.AuditItems.AsNoTracking().SingleOrDefaultAsync(i => i.RequestId == requestId && i.Number == number, cancellationToken)
            ?? throw new NotFoundException($"Audit request {requestId} has no item {number}.");
        return (request, item);
    }

    private async Task<AuditItemRecord> ItemAsync(Guid requestId, int number, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return (await RecordsAsync(db, [requestId], null, cancellationToken)).Single().Items.Single(i => i.Number == number);
    }

    /// <summary>What the reader may do on the item, and in words who acts on it otherwise; the service checks again when they act.</summary>
    private static async Task<AuditItemActions> ActionsAsync(PortalDbContext db, Actor actor, AuditRequest request, AuditItemRecord item,
        CancellationToken cancellationToken)
    {
        var open = request.Status == AuditRequestStatus.Open;
        var model = await db.Models.AsNoTracking().SingleAsync(m => m.KeyNormalized == Domain.Inventory.ModelRules.NormalizeKey(item.ModelKey), cancellationToken);
        var canReassign = open && item.Status != AuditItemStatus.Accepted && actor.Can(Permission.ReassignAuditItem)
            && TeamScope.CanManageModelsOf(actor, model.Team, await db.Teams.AsNoTracking().ToListAsync(cancellationToken));
        var who = item.Status switch
        {
            AuditItemStatus.Accepted => $"Accepted by {request.RequestedByName}; nothing is left to do.",
            AuditItemStatus.Answered => $"Waiting for {request.RequestedByName} to accept or return the answer.",
            _ => $"Waiting for {item.AssigneeName} to answer; a manager of team {model.Team} or an Admin can reassign it.",
        };
        return new AuditItemActions(item.Number,
            CanAnswer: open && (item.Status is AuditItemStatus.Open or AuditItemStatus.Returned) && actor.Id == item.AssigneeSubject && actor.Can(Permission.AnswerAuditItem),
            CanDecide: open && item.Status == AuditItemStatus.Answered && actor.Id == request.RequestedBy && actor.Can(Permission.OpenAuditRequest),
            CanReassign: canReassign,
            WhoActs: who);
    }

    private static string Target(Guid requestId, int number) => $"audit request {requestId} item {number}";
}
