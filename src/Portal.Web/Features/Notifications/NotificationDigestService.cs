using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using Portal.Data;
using Portal.Domain.Notifications;

namespace Portal.Web.Features.Notifications;

/// <summary>
/// Sends each person one e-mail listing their notifications that are neither read nor e-mailed yet. A person's
/// notifications are claimed with one UPDATE (marked e-mailed with a claim id) before sending, so that several portal
/// instances, or a second run, never send them twice; a failed send releases the claim for the next run.
/// </summary>
public sealed class NotificationDigestService(IDbContextFactory<PortalDbContext> dbFactory, ISmtpSender smtp, IOptions<NotificationOptions> options,
    TimeProvider clock, ILogger<NotificationDigestService> logger)
{
    private sealed record Recipient(string Subject, string Name, string Email);

    /// <summary>Sends the digests of notifications created up to <paramref name="cutoff"/>; answers how many e-mails went out.</summary>
    public async Task<int> SendDueAsync(DateTime cutoff, CancellationToken cancellationToken)
    {
        if (!options.Value.EmailEnabled)
        {
            return 0;
        }
        var sent = 0;
        foreach (var recipient in await RecipientsAsync(cutoff, cancellationToken))
        {
            if (await SendOneAsync(recipient, cutoff, cancellationToken))
            {
                sent++;
            }
        }
        return sent;
    }

    private async Task<List<Recipient>> RecipientsAsync(DateTime cutoff, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var due = Due(db, cutoff).Select(n => n.RecipientSubject).Distinct();
        return await db.Users.Where(u => due.Contains(u.Subject) && u.IsActive && !u.EmailDigestOptOut && u.Email != null)
            .Select(u => new Recipient(u.Subject, u.Name, u.Email!)).ToListAsync(cancellationToken);
    }

    private async Task<bool> SendOneAsync(Recipient recipient, DateTime cutoff, CancellationToken cancellationToken)
    {
        var claim = Guid.NewGuid();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var claimed = await Due(db, cutoff).Where(n => n.RecipientSubject == recipient.Subject)
            .ExecuteUpdateAsync(set => set.SetProperty(n => n.EmailedAt, clock.GetUtcNow().UtcDateTime).SetProperty(n => n.DigestClaim, claim), cancellationToken);
        if (claimed == 0)
        {
            return false; // another instance took them in the meantime
        }
        var items = await db.Notifications.AsNoTracking().Where(n => n.DigestClaim == claim)
            .Select(n => new NotificationDigest.Item(n.Category, n.Title, n.Body, n.Link, n.CreatedAt)).ToListAsync(cancellationToken);
        try
        {
            await smtp.SendAsync(Message(recipient, NotificationDigest.Compose(recipient.Name, items, options.Value.PortalUrl)), cancellationToken);
            return true;
        }
#pragma warning disable CA1031 // one person's failed e-mail must not stop the others' digests
        catch (Exception failure) when (failure is not OperationCanceledException)
#pragma warning restore CA1031
        {
            logger.LogError(failure, "The notification digest to {Subject} failed; it is retried at the next run", recipient.Subject);
            await db.Notifications.Where(n => n.DigestClaim == claim)
                .ExecuteUpdateAsync(set => set.SetProperty(n => n.EmailedAt, (DateTime?)null).SetProperty(n => n.DigestClaim, (Guid?)null), CancellationToken.None);
            return false;
        }
    }

    private static IQueryable<Notification> Due(PortalDbContext db, DateTime cutoff) =>
        db.Notifications.Where(n => n.EmailedAt == null && n.ReadAt == null && n.CreatedAt <= cutoff);

    private MimeMessage Message(Recipient recipient, NotificationDigest digest)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(options.Value.Smtp.From!));
        message.To.Add(new MailboxAddress(recipient.Name, recipient.Email));
        message.Subject = digest.Subject;
        message.Body = new BodyBuilder { HtmlBody = digest.Html, TextBody = digest.Text }.ToMessageBody();
        return message;
    }
}
