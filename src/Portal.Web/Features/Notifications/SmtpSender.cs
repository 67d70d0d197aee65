using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Portal.Web.Features.Notifications;

/// <summary>The transport of e-mail; the digest's selection and marking stay outside it so tests exercise them for real.</summary>
public interface ISmtpSender
{
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}

/// <summary>Sends through the configured SMTP server with MailKit; one connection per message is plenty for one digest per person a day.</summary>
public sealed class MailKitSmtpSender(IOptions<NotificationOptions> options) : ISmtpSender
{
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var smtp = options.Value.Smtp;
        using var client = new SmtpClient();
        await client.ConnectAsync(smtp.Host!, smtp.Port, smtp.EffectiveSecurity, cancellationToken);
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", cancellationToken);
        }
        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}
