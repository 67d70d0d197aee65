using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Access;
using Portal.Domain.Directory;
using Portal.Web.Auth;
using Portal.Web.Features.Shared;

namespace Portal.Web.Features.Admin;

public sealed record UserView(string Subject, string Name, string? Email, DateTime? LastSignInAt, bool IsActive, string Roles, int Revision,
    string? UserName = null, string? DeactivationReason = null);

/// <summary>The user directory for Admins: list people, deactivate and reactivate them (never delete).</summary>
public sealed class UserAdminService(IDbContextFactory<PortalDbContext> dbFactory, AccessGuard guard, ActiveUserCheck activeUsers,
    IUserLifecycleEvents lifecycle, TimeProvider clock)
{
    public const int ReasonMax = UserAccount.DeactivationReasonMaxLength;

    public async Task<IReadOnlyList<UserView>> ListAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, Permission.ManageUsers, "user directory", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Users.AsNoTracking().OrderBy(u => u.Name)
            .Select(u => new UserView(u.Subject, u.Name, u.Email, u.LastSignInAt, u.IsActive, u.Roles, u.Revision, u.UserName, u.DeactivationReason))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Deactivates (with a reason, kept on the account and in the trail) or reactivates a person.</summary>
    public async Task SetActiveAsync(Actor actor, string subject, bool active, int expectedRevision, string? reason = null,
        CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, Permission.ManageUsers, $"user {subject}", cancellationToken);
        if (!active && subject == actor.Id)
        {
            throw InputRejectedException.For("subject", "You cannot deactivate yourself; ask another Admin.");
        }
        if (reason?.Trim().Length > ReasonMax)
        {
            throw InputRejectedException.For("reason", $"The reason is at most {ReasonMax} characters.");
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Subject == subject, cancellationToken)
            ?? throw new NotFoundException($"No user has the subject '{subject}'.");
        if (user.Revision != expectedRevision)
        {
            throw new ConflictException($"{user.Name} was changed by someone else since you loaded the list; reload and try again.");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        if (active)
        {
            user.Reactivate(now);
        }
        else
        {
            user.Deactivate(reason, now);
        }
        db.Actor = actor;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException($"{user.Name} was changed by someone else at the same moment; reload and try again.");
        }
        activeUsers.Forget(subject);
        if (!active)
        {
            await lifecycle.PublishAsync(new UserDeactivated(user.Subject, user.Name, actor.Name, user.DeactivationReason, now), cancellationToken);
        }
    }
}
