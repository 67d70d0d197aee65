using MailKit.Security;

namespace Portal.Web.Features.Notifications;

/// <summary>
/// <c>Notifications:Smtp:*</c> and <c>Notifications:Digest:*</c>. Without an SMTP host, e-mail is off and notifications stay in-app.
/// </summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    public SmtpOptions Smtp { get; set; } = new();
    public DigestOptions Digest { get; set; } = new();

    /// <summary>The portal's public address, so that links in e-mails are absolute (e.g. https://portal.example.com/).</summary>
    public Uri? PortalUrl { get; set; }

    public bool EmailEnabled => !string.IsNullOrWhiteSpace(Smtp.Host) && !string.IsNullOrWhiteSpace(Smtp.From);
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;

    /// <summary>MailKit's SecureSocketOptions: Auto, None, SslOnConnect, StartTls, StartTlsWhenAvailable.</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTls;

    /// <summary>Shorthand: false means no TLS at all (a local relay), true keeps <see cref="Security"/>.</summary>
    public bool UseTls { get; set; } = true;
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string? From { get; set; }

    public SecureSocketOptions EffectiveSecurity => UseTls ? Security : SecureSocketOptions.None;
}

public sealed class DigestOptions
{
    /// <summary>The hour of the day (UTC) at which the daily digest goes out.</summary>
    public int HourUtc { get; set; } = 7;
}
