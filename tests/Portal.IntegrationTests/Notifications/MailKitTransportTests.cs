using Microsoft.Extensions.DependencyInjection;
using Portal.IntegrationTests.Infrastructure;
using Portal.Web.Auth;
using Portal.Web.Features.Notifications;

namespace Portal.IntegrationTests.Notifications;

/// <summary>The digest end to end through the real MailKit transport, to an SMTP endpoint on a loopback port.</summary>
public sealed class MailKitTransportTests
{
    [Fact]
    public async Task The_digest_reaches_an_smtp_server_as_one_html_and_text_message()
    {
        await using var server = new FakeSmtpServer();
        using var portal = new PortalFactory();
        using var mailing = portal.WithWebHostBuilder(b =>
        {
            b.UseSetting("Notifications:Smtp:Host", "127.0.0.1");
            b.UseSetting("Notifications:Smtp:Port", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            b.UseSetting("Notifications:Smtp:UseTls", "false");
            b.UseSetting("Notifications:Smtp:From", "portal@example.test");
        });
        await mailing.Services.GetRequiredService<UserDirectoryService>()
            .RecordSignInAsync("smtp-mona", "Mona Manager", "mona@example.test", new HashSet<string>());
        await mailing.Services.GetRequiredService<NotificationService>()
            .NotifyAsync(["smtp-mona"], "Flags", "credit-pd is orphaned", "No primary owner.", "/models/credit-pd", default);

        var sent = await mailing.Services.GetRequiredService<NotificationDigestService>().SendDueAsync(DateTime.UtcNow.AddMinutes(1), default);

        Assert.Equal(1, sent);
        var message = Assert.Single(server.Messages);
        Assert.Contains("To: Mona Manager <mona@example.test>", message, StringComparison.Ordinal);
        Assert.Contains("Subject: 1 new notification in the Model Governance Portal", message, StringComparison.Ordinal);
        Assert.Contains("multipart/alternative", message, StringComparison.Ordinal);
        Assert.Contains("credit-pd is orphaned", message, StringComparison.Ordinal);
    }
}
