using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Domain.Access;
using Portal.Domain.Notifications;
using Portal.Web.Features.Shared;

namespace Portal.Web.Features.Notifications;

public sealed record NotificationView(long Id, string Category, string Title, string Body, string? Link, DateTime CreatedAt, DateTime? ReadAt)
{
    public bool IsRead => ReadAt is not null;
}

public sealed record NotificationPreferences(bool EmailEnabled, bool EmailDigest);

/// <summary>One person's notification: who gets it and what it says.</summary>
public sealed record PersonalNote(string Recipient, string Title, string Body);

/// <summary>
/// In-app notifications: other features call <see cref="NotifyAsync"/>; each person lists and marks only their own
/// (the recipient is always the actor, so nobody can read or mark someone else's).
/// </summary>
public sealed class NotificationService(IDbContextFactory<PortalDbContext> dbFactory, AccessGuard guard, IOptions<NotificationOptions> options,
    TimeProvider clock)
{
    public const int MaxListed = 200;

    /// <summary>Creates one notification per distinct recipient; people the directory marks as deactivated get none.</summary>
    public Task<int> NotifyAsync(IReadOnlyCollection<string> recipientUserIds, string category, string title, string body, string? link,
        CancellationToken cancellationToken) =>
        NotifyEachAsync(category, link,
            [.. recipientUserIds.Where(r => !string.IsNullOrWhiteSpace(r)).Select(r => r.Trim()).Distinct(StringComparer.Ordinal)
                .Select(r => new PersonalNote(r, title, body))],
            cancellationToken);

    /// <summary>
    /// Creates a notification per note, each with its own recipient and text, in one save (a flag scan tells each owner about
    /// their own models); people the directory marks as deactivated get none. Any note with a problem rejects them all.
    /// </summary>
    public async Task<int> NotifyEachAsync(string category, string? link, IReadOnlyList<PersonalNote> notes, CancellationToken cancellationToken)
    {
        var problems = notes.Select(n => Notification.Problems(category, n.Title, n.Body, link)).FirstOrDefault(p => p.Count > 0);
        if (problems is not null)
        {
            throw new InputRejectedException(problems.ToDictionary(p => p.Key, p => new[] { p.Value }));
        }
        if (notes.Count == 0)
        {
            return 0;
        }
        var recipients = notes.Select(n => n.Recipient.Trim()).Distinct(StringComparer.Ordinal).ToList();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var departed = (await db.Users.Where(u => recipients.Contains(u.Subject) && !u.IsActive).Select(u => u.Subject).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        var now = clock.GetUtcNow().UtcDateTime;
        var created = notes.Where(n => !string.IsNullOrWhiteSpace(n.Recipient) && !departed.Contains(n.Recipient.Trim()))
            .Select(n => Notification.Create(n.Recipient.Trim(), category, n.Title, n.Body, link, now)).ToList();
        db.Notifications.AddRange(created);
        await db.SaveChangesAsync(cancellationToken);
        return created.Count;
    }

    public async Task<IReadOnlyList<NotificationView>> ListMineAsync(Actor actor, bool unreadOnly, int take, CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, Permission.ReadOwnNotifications, "your notifications", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Notifications.AsNoTracking()
            .Where(n => n.RecipientSubject == actor.Id && (!unreadOnly || n.ReadAt == null))
            .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(Math.Clamp(take, 1, MaxListed))
            .Select(n => new NotificationView(n.Id, n.Category, n.Title, n.Body, n.Link, n.CreatedAt, n.ReadAt))
            .ToListAsync(cancellationToken);
    }

    public async Task<int> CountUnreadAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, Permission.ReadOwnNotifications, "your notifications", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Notifications.CountAsync(n => n.RecipientSubject == actor.Id && n.ReadAt == null, cancellationToken);
    }

    /// <summary>Marks one of the actor's notifications read; someone else's answers 404, as if it did not exist.</summary>
    public async Task<NotificationView> MarkReadAsync(Actor actor, long id, CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, Permission.ReadOwnNotifications, "your notifications", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var notification = await db.Notifications.SingleOrDefaultAsync(n => n.Id == id && n.RecipientSubject == actor.Id, cancellationToken)
            ?? throw new NotFoundException($"You have no notification {id}.");
        notification.MarkRead(clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        return new NotificationView(notification.Id, notification.Category, notification.Title, notification.Body, notification.Link,
            notification.CreatedAt, notification.ReadAt);
    }

    public async Task<int> MarkAllReadAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, Permission.ReadOwnNotifications, "your notifications", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.Notifications.Where(n => n.RecipientSubject == actor.Id && n.ReadAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(n => n.ReadAt, now), cancellationToken);
    }

    public async Task<NotificationPreferences> GetPreferencesAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, Permission.ReadOwnNotifications, "your notifications", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var optedOut = await db.Users.Where(u => u.Subject == actor.Id).Select(u => (bool?)u.EmailDigestOptOut).SingleOrDefaultAsync(cancellationToken);
        return new NotificationPreferences(options.Value.EmailEnabled, optedOut != true);
    }

    /// <summary>Turns the person's daily digest e-mail on or off (audited as a change of their account).</summary>
    public async Task SetEmailDigestAsync(Actor actor, bool wanted, CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, Permission.ReadOwnNotifications, "your notifications", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Subject == actor.Id, cancellationToken)
            ?? throw new NotFoundException("You are not in the user directory; sign in once as a person to keep preferences.");
        user.SetEmailDigest(wanted, clock.GetUtcNow().UtcDateTime);
        db.Actor = actor;
        await db.SaveChangesAsync(cancellationToken);
    }
}
