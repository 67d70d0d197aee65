using Humanizer;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Access;
using Portal.Domain.Audits;
using Portal.Domain.Teams;
using Portal.Web.Features.Notifications;
using Portal.Web.Features.Shared;

namespace Portal.Web.Features.Audits;

/// <summary>
/// Tells the people of an audit request what happened, after the change committed: the assignees when it is opened, the requester
/// when an item is answered, the assignee when an answer is accepted or returned, the new assignee and the team's managers when an
/// item is reassigned. Nobody is told of their own act. Every link opens the request.
/// </summary>
public sealed class AuditNotifications(IDbContextFactory<PortalDbContext> dbFactory, NotificationService notifications)
{
    public const string Category = "Audit";

    public static string Link(Guid requestId) => $"/audits/{requestId}";

    public async Task OpenedAsync(Guid requestId, Actor actor, CancellationToken cancellationToken)
    {
        var (request, items) = await ReadAsync(requestId, cancellationToken);
        foreach (var assignee in items.GroupBy(i => i.AssigneeSubject).Where(g => g.Key != actor.Id))
        {
            await notifications.NotifyAsync([assignee.Key], Category,
                $"{actor.Name} asks you {"question".ToQuantity(assignee.Count())}: {request.Title}".Truncate(200),
                $"About {string.Join(", ", assignee.Select(i => i.ModelKey).Distinct())}; due {PortalFormat.Date(request.DueAt)} ({request.Priority} priority). " +
                $"First question: {assignee.First().Question.Truncate(300)}",
                Link(request.Id), cancellationToken);
        }
    }

    public async Task AnsweredAsync(Guid requestId, int number, Actor actor, CancellationToken cancellationToken)
    {
        var (request, items) = await ReadAsync(requestId, cancellationToken);
        var item = items.Single(i => i.Number == number);
        await NotifyAsync(request.RequestedBy, actor, $"{actor.Name} answered question {number} of \"{request.Title}\"",
            $"{item.ModelKey}: {item.Question.Truncate(300)} Accept the answer or return it with a comment.", request, cancellationToken);
    }

    public async Task AcceptedAsync(Guid requestId, int number, Actor actor, CancellationToken cancellationToken)
    {
        var (request, items) = await ReadAsync(requestId, cancellationToken);
        var item = items.Single(i => i.Number == number);
        await NotifyAsync(item.AssigneeSubject, actor, $"{actor.Name} accepted your answer to question {number} of \"{request.Title}\"",
            request.Status == AuditRequestStatus.Closed ? "Every answer is accepted: the request is closed." : $"{item.ModelKey}: {item.Question.Truncate(300)}",
            request, cancellationToken);
    }

    public async Task ReturnedAsync(Guid requestId, int number, Actor actor, CancellationToken cancellationToken)
    {
        var (request, items) = await ReadAsync(requestId, cancellationToken);
        var item = items.Single(i => i.Number == number);
        await NotifyAsync(item.AssigneeSubject, actor, $"{actor.Name} returned your answer to question {number} of \"{request.Title}\"",
            $"{(item.ReturnComment ?? "").Truncate(600)} Answer again by {PortalFormat.Date(request.DueAt)}.", request, cancellationToken);
    }

    public async Task ReassignedAsync(Guid requestId, int number, string previousAssignee, Actor actor, CancellationToken cancellationToken)
    {
        var (request, items) = await ReadAsync(requestId, cancellationToken);
        var item = items.Single(i => i.Number == number);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var team = await db.Models.AsNoTracking().Where(m => m.Id == item.ModelId).Select(m => m.Team).SingleAsync(cancellationToken);
        var normalized = Team.Normalize(team);
        var managers = (await db.Teams.AsNoTracking().Where(t => t.NameNormalized == normalized).ToListAsync(cancellationToken))
            .SelectMany(t => t.Members).Where(m => m.IsManager).Select(m => m.Subject);
        var title = $"Question {number} of \"{request.Title}\" is now assigned to {item.AssigneeName}";
        var body = $"{actor.Name} reassigned it from {previousAssignee}. {item.ModelKey}: {item.Question.Truncate(300)} Due {PortalFormat.Date(request.DueAt)}.";
        await notifications.NotifyAsync([.. managers.Append(item.AssigneeSubject).Where(p => p != actor.Id).Distinct(StringComparer.Ordinal)], Category,
            title.Truncate(200), body.Truncate(1000), Link(request.Id), cancellationToken);
    }

    private Task NotifyAsync(string recipient, Actor actor, string title, string body, AuditRequest request, CancellationToken cancellationToken) =>
        recipient == actor.Id
            ? Task.CompletedTask
            : notifications.NotifyAsync([recipient], Category, title.Truncate(200), body.Truncate(1000), Link(request.Id), cancellationToken);

    private async Task<(AuditRequest Request, List<AuditItem> Items)> ReadAsync(Guid requestId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var request = await db.AuditRequests.AsNoTracking().SingleAsync(r => r.Id == requestId, cancellationToken);
        var items = await db.AuditItems.AsNoTracking().Where(i => i.RequestId == requestId).OrderBy(i => i.Number).ToListAsync(cancellationToken);
        return (request, items);
    }
}
