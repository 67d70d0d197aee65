using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Access;
using Portal.Domain.Audit;
using Portal.Domain.Outputs;
using Portal.Domain.Ownership;
using Portal.Web.Features.Notifications;
using Portal.Web.Features.Shared;

namespace Portal.Web.Features.Outputs.AccessRequests;

/// <summary>
/// Access requests: a person without access asks for one output; the model's primary owner or a Compliance reviewer grants
/// it (a personal grant with an expiry, at most what was asked) or denies it with a reason, never their own. Requester and
/// deciders are notified with a link to the output; every step and refusal is audited.
/// </summary>
public sealed class AccessRequestService(IDbContextFactory<PortalDbContext> dbFactory, AccessGuard guard, AuditRecorder audit,
    OutputAuthorizationService authorization, NotificationService notifications, TimeProvider clock)
{
    public const string Category = "Access requests";
    public const int MaxListed = 200;

    public async Task<AccessRequestView> RequestAsync(Actor actor, int outputId, AccessWish wish, CancellationToken cancellationToken = default)
    {
        var target = $"access request for output {outputId}";
        await guard.EnsureAsync(actor, Permission.ReadOutputs, target, cancellationToken);
        await RefuseTokenAsync(actor, target, Permission.ReadOutputs, cancellationToken);
        var errors = AccessRequest.Validate(wish);
        if (errors.Count > 0)
        {
            throw new InputRejectedException(errors);
        }
        var (output, _, decision) = await authorization.DecideAsync(actor, outputId, cancellationToken);
        if (decision.Allowed && (!wish.Unmasked || !decision.IsMasked))
        {
            throw new ConflictException(decision.IsMasked
                ? $"You can already read output {output.Id} ({decision.Basis}), with its tagged columns masked; ask for unmasked data if you need them in clear."
                : $"You can already read output {output.Id} ({decision.Basis}); there is nothing to request.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var request = await db.InUnitOfWorkAsync(async () =>
        {
            var open = await db.AccessRequests.AsNoTracking().AnyAsync(
                r => r.RequestedBy == actor.Id && r.OutputId == outputId && r.Status == AccessRequestStatus.Pending, cancellationToken);
            if (open)
            {
                throw new ConflictException($"You already have an open access request for output {outputId}; wait for its decision.");
            }
            var opened = AccessRequest.Open(output, actor.Id, actor.Name, wish, clock.GetUtcNow().UtcDateTime);
            db.AccessRequests.Add(opened);
            db.Actor = actor;
            await db.SaveChangesAsync(cancellationToken);
            return opened;
        }, System.Data.IsolationLevel.Serializable, cancellationToken);

        var deciders = await DecidersAsync(db, output.ModelId, cancellationToken);
        deciders.Remove(actor.Id);
        await notifications.NotifyAsync(deciders, Category, $"Access requested to {output.ModelKey} / {output.Name}",
            $"{actor.Name} asks to read output '{output.Name}' for {wish.Days} days{(wish.Unmasked ? ", unmasked" : "")}: {request.Purpose}",
            "/access-requests", cancellationToken);
        return AccessRequestView.From(request);
    }

    /// <summary>My requests and the ones I decide, newest first, optionally of one status.</summary>
    public async Task<AccessRequestLists> ListAsync(Actor actor, AccessRequestStatus? status, CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, Permission.ReadOutputs, "access requests", cancellationToken);
        if (status is { } s && !Enum.IsDefined(s))
        {
            throw InputRejectedException.For("status", "Use Pending, Granted or Denied.");
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var all = db.AccessRequests.AsNoTracking().Where(r => status == null || r.Status == status);
        var mine = await all.Where(r => r.RequestedBy == actor.Id)
            .OrderByDescending(r => r.RequestedAt).ThenByDescending(r => r.Id).Take(MaxListed).ToListAsync(cancellationToken);
        List<AccessRequest> toDecide = [];
        if (!actor.IsServiceToken && actor.Can(Permission.GrantOutputAccess))
        {
            var others = all.Where(r => r.RequestedBy != actor.Id);
            if (!actor.Roles.Contains(PortalRoles.ComplianceReviewer))
            {
                var owned = db.OwnershipAssignments.Where(a => a.OwnerSubject == actor.Id && a.EndedAt == null && a.Role == OwnerRole.Primary)
                    .Select(a => a.ModelId);
                var outputs = db.ModelOutputs.Where(o => owned.Contains(o.ModelId)).Select(o => o.Id);
                others = others.Where(r => outputs.Contains(r.OutputId));
            }
            toDecide = await others.OrderBy(r => r.Status == AccessRequestStatus.Pending ? 0 : 1).ThenByDescending(r => r.RequestedAt)
                .ThenByDescending(r => r.Id).Take(MaxListed).ToListAsync(cancellationToken);
        }
        return new([.. mine.Select(AccessRequestView.From)], [.. toDecide.Select(AccessRequestView.From)]);
    }

    /// <summary>The pending requests <paramref name="actor"/> must decide, for the attention page.</summary>
    public async Task<IReadOnlyList<AccessRequestView>> PendingToDecideAsync(Actor actor, CancellationToken cancellationToken = default) =>
        (await ListAsync(actor, AccessRequestStatus.Pending, cancellationToken)).ToDecide;

    public async Task<AccessRequestView> DecideAsync(Actor actor, int requestId, AccessDecision decision, CancellationToken cancellationToken = default)
    {
        var target = $"access request {requestId}";
        await guard.EnsureAsync(actor, Permission.GrantOutputAccess, target, cancellationToken);
        await RefuseTokenAsync(actor, target, Permission.GrantOutputAccess, cancellationToken);
        if (!Enum.IsDefined(decision.Decision))
        {
            throw InputRejectedException.For("decision", "Use Grant or Deny.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var request = await db.AccessRequests.SingleOrDefaultAsync(r => r.Id == requestId, cancellationToken)
            ?? throw new NotFoundException($"No access request has the id {requestId}.");
        var output = await db.ModelOutputs.AsNoTracking().SingleAsync(o => o.Id == request.OutputId, cancellationToken);
        var isPrimaryOwner = await db.OwnershipAssignments.AsNoTracking().AnyAsync(
            a => a.ModelId == output.ModelId && a.EndedAt == null && a.Role == OwnerRole.Primary && a.OwnerSubject == actor.Id, cancellationToken);
        if (request.DeciderProblem(actor.Id, isPrimaryOwner, actor.Roles.Contains(PortalRoles.ComplianceReviewer)) is { } problem)
        {
            await audit.RecordAsync(actor, AuditActions.AccessDenied, "AccessRequest", request.AuditEntityId,
                new { target, permission = nameof(Permission.GrantOutputAccess), reason = problem }, request.ModelKey, cancellationToken);
            throw new AccessDeniedException(Permission.GrantOutputAccess, problem);
        }
        if (!request.IsPending)
        {
            throw new ConflictException($"Access request {requestId} was already {request.Status.ToString().ToLowerInvariant()} by {request.DecidedByName} on {request.DecidedAt:yyyy-MM-dd HH:mm} UTC.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        db.Actor = actor;
        if (decision.Decision == AccessDecisionKind.Grant)
        {
            await GrantAsync(db, actor, request, output, decision, now, cancellationToken);
        }
        else
        {
            if (AccessRequest.ReasonProblem(decision.Reason) is { } reasonProblem)
            {
                throw InputRejectedException.For("reason", reasonProblem);
            }
            request.Deny(actor.Id, actor.Name, decision.Reason!, now);
            await SaveDecisionAsync(db, requestId, cancellationToken);
        }

        var (title, body) = request.Status == AccessRequestStatus.Granted
            ? ($"Access granted to {output.ModelKey} / {output.Name}",
                $"{actor.Name} granted you {(request.GrantedUnmasked ? "unmasked" : "masked")} read access until {request.GrantedUntil:yyyy-MM-dd HH:mm} UTC.")
            : ($"Access denied to {output.ModelKey} / {output.Name}", $"{actor.Name} denied your request: {request.Reason}");
        await notifications.NotifyAsync([request.RequestedBy], Category, title, body, $"/outputs/{output.Id}", cancellationToken);
        return AccessRequestView.From(request);
    }

    private static async Task GrantAsync(PortalDbContext db, Actor actor, AccessRequest request, ModelOutput output, AccessDecision decision,
        DateTime now, CancellationToken cancellationToken)
    {
        var days = decision.Days ?? request.WantedDays;
        var errors = request.GrantProblems(days, decision.Unmasked);
        var terms = request.GrantTermsFor(output, days, decision.Unmasked, now);
        foreach (var (field, messages) in errors.Count == 0 ? OutputGrantRules.Validate(terms, output, now) : [])
        {
            errors[field] = messages;
        }
        if (errors.Count > 0)
        {
            throw new InputRejectedException(errors);
        }
        var grant = OutputGrant.Give(output.Id, output.ModelKey, terms, actor.Id, actor.Name, now);
        // The grant and the decision commit together: a grant without its decided request (or the reverse) never exists.
        await db.InUnitOfWorkAsync(async () =>
        {
            var tracked = await db.AccessRequests.SingleAsync(r => r.Id == request.Id, cancellationToken);
            db.OutputGrants.Add(grant);
            await db.SaveChangesAsync(cancellationToken);
            tracked.Grant(actor.Id, actor.Name, grant, now);
            await SaveDecisionAsync(db, tracked.Id, cancellationToken);
        }, cancellationToken: cancellationToken);
    }

    private static async Task SaveDecisionAsync(PortalDbContext db, int requestId, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException($"Access request {requestId} was decided by someone else meanwhile; nothing was changed.");
        }
    }

    /// <summary>The model's active primary owner and every active Compliance reviewer in the directory.</summary>
    private static async Task<HashSet<string>> DecidersAsync(PortalDbContext db, int modelId, CancellationToken cancellationToken)
    {
        var owners = await db.OwnershipAssignments.AsNoTracking()
            .Where(a => a.ModelId == modelId && a.EndedAt == null && a.Role == OwnerRole.Primary).Select(a => a.OwnerSubject).ToListAsync(cancellationToken);
        var reviewers = await db.Users.AsNoTracking().Where(u => u.IsActive && u.Roles.Contains(PortalRoles.ComplianceReviewer))
            .Select(u => u.Subject).ToListAsync(cancellationToken);
        return [.. owners, .. reviewers];
    }

    private async Task RefuseTokenAsync(Actor actor, string target, Permission permission, CancellationToken cancellationToken)
    {
        if (!actor.IsServiceToken)
        {
            return;
        }
        const string reason = "Access requests are asked and decided by people: a service token gets access through a grant an owner gives it.";
        await audit.RecordAsync(actor, AuditActions.AccessDenied, "AccessRequest", target,
            new { target, permission = permission.ToString(), reason }, cancellationToken: cancellationToken);
        throw new AccessDeniedException(permission, reason);
    }
}
