using Humanizer;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Access;
using Portal.Domain.Releases;
using Portal.Web.Features.Notifications;
using Portal.Web.Features.Shared;

namespace Portal.Web.Features.Releases;

/// <summary>
/// Tells the people of a release request what happened to it, after the change committed: the reviewers who may sign it
/// when it is requested (per its frozen policy), and its requester and the model's owners when it is signed, approved,
/// rejected, withdrawn or given a gate exception. Nobody is told of their own act. Every link opens the request.
/// </summary>
public sealed class ReleaseNotifications(IDbContextFactory<PortalDbContext> dbFactory, NotificationService notifications)
{
    public const string Category = "Release";

    public static string Link(int requestId) => $"/releases/{requestId}";

    public async Task RequestedAsync(int requestId, CancellationToken cancellationToken)
    {
        var (request, people, reviewers) = await ReadAsync(requestId, cancellationToken);
        var rules = request.Frozen.Rules;
        await notifications.NotifyAsync(reviewers, Category,
            $"{request.ModelKey} {request.VersionLabel} → {request.TargetStage} awaits your signature",
            $"{request.RequestedByName} requested release #{request.Id}. The {request.RiskTier}-risk policy needs {"sign-off".ToQuantity(rules.RequiredSignOffs)}" +
            $"{(rules.RequireReviewerOutsideTeam ? ", one from outside team " + people.Team : "")}. Summary: {request.Summary.Truncate(300)}",
            Link(request.Id), cancellationToken);
    }

    /// <summary>After a signature: approved or rejected when it decided the request, otherwise who signed and what is still missing.</summary>
    public async Task SignedAsync(int requestId, Actor signer, CancellationToken cancellationToken)
    {
        var (request, people, _) = await ReadAsync(requestId, cancellationToken);
        var signature = request.Signatures.Last(s => s.SignerId == signer.Id);
        var (title, body) = request.Status switch
        {
            ReleaseStatus.Approved => ($"Release #{request.Id} approved: {request.ModelKey} {request.VersionLabel} is in {request.TargetStage}",
                $"{signer.Name} gave the sign-off that met the {request.RiskTier}-risk policy: {signature.Reason}"),
            ReleaseStatus.Rejected => ($"Release #{request.Id} of {request.ModelKey} {request.VersionLabel} was rejected",
                $"{signer.Name} rejected it: {signature.Reason}"),
            _ => ($"{signer.Name} signed release #{request.Id} of {request.ModelKey} ({signature.Meaning})",
                $"{ReleaseRules.PolicyShortfall(request.Frozen.Rules, request.Signatures) ?? "The sign-offs are complete."} Reason: {signature.Reason}"),
        };
        await notifications.NotifyAsync(Concerned(request, people, signer), Category, title, body.Truncate(1000), Link(request.Id), cancellationToken);
    }

    /// <summary>The requester and owners learn it was withdrawn; the reviewers who were asked learn it no longer awaits them.</summary>
    public async Task WithdrawnAsync(int requestId, Actor actor, CancellationToken cancellationToken)
    {
        var (request, people, _) = await ReadAsync(requestId, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var asked = ReleaseRules.SignersToAsk(await ReviewerSubjectsAsync(db, cancellationToken), request, people);
        var title = $"Release #{request.Id} of {request.ModelKey} {request.VersionLabel} was withdrawn";
        var body = $"{actor.Name} withdrew the request to release it to {request.TargetStage}; nothing awaits a signature any more.";
        await notifications.NotifyAsync([.. Concerned(request, people, actor).Union(asked).Where(p => p != actor.Id)], Category, title, body,
            Link(request.Id), cancellationToken);
    }

    public async Task ExceptionRecordedAsync(int requestId, Actor actor, GateExceptionView exception, CancellationToken cancellationToken)
    {
        var (request, people, _) = await ReadAsync(requestId, cancellationToken);
        await notifications.NotifyAsync(Concerned(request, people, actor), Category,
            $"Gate exception on release #{request.Id} of {request.ModelKey}: {exception.Gate}",
            $"{actor.Name} let the failing gate '{exception.Gate}' not block this request until {PortalFormat.Date(exception.ExpiresAt)}: {exception.Justification}".Truncate(1000),
            Link(request.Id), cancellationToken);
    }

    /// <summary>The requester and the model's active owners, except whoever acted.</summary>
    private static IReadOnlyCollection<string> Concerned(ReleaseRequest request, ModelPeople people, Actor actor) =>
        [.. people.Owners.Append(request.RequestedBy).Where(p => p != actor.Id).Distinct(StringComparer.Ordinal)];

    private async Task<(ReleaseRequest Request, ModelPeople People, IReadOnlyCollection<string> Reviewers)> ReadAsync(int requestId,
        CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var request = await ReleaseRecords.RequestAsync(db.ReleaseRequests.AsNoTracking(), requestId, cancellationToken);
        var model = await db.Models.AsNoTracking().SingleAsync(m => m.Id == request.ModelId, cancellationToken);
        var people = await ModelWriteGuard.PeopleAsync(db, model, cancellationToken);
        var reviewers = request.Status == ReleaseStatus.Pending
            ? [.. ReleaseRules.SignersToAsk(await ReviewerSubjectsAsync(db, cancellationToken), request, people)]
            : Array.Empty<string>();
        return (request, people, reviewers);
    }

    /// <summary>Active people whose last sign-in mapped them to the ComplianceReviewer role (the directory keeps it).</summary>
    private static async Task<List<string>> ReviewerSubjectsAsync(PortalDbContext db, CancellationToken cancellationToken) =>
        await db.Users.AsNoTracking().Where(u => u.IsActive && u.Roles.Contains(PortalRoles.ComplianceReviewer))
            .Select(u => u.Subject).ToListAsync(cancellationToken);
}
