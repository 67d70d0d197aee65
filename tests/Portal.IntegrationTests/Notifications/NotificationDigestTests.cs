using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Portal.Data;
using Portal.Domain.Access;
using Portal.IntegrationTests.Infrastructure;
using Portal.Web.Auth;
using Portal.Web.Features.Notifications;

namespace Portal.IntegrationTests.Notifications;

/// <summary>
/// The daily digest against the real database: which notifications are selected, that they are marked as e-mailed once,
/// and what the e-mail says. Only the SMTP transport is replaced, by a recorder.
/// </summary>
public sealed class NotificationDigestTests : IDisposable
{
    private readonly PortalFactory portal = new();
    private readonly RecordingSmtp smtp = new();
    private readonly Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> mailing;
    private readonly DateTime now = DateTime.UtcNow;

    public NotificationDigestTests()
    {
        mailing = portal.WithWebHostBuilder(b =>
        {
            b.UseSetting("Notifications:Smtp:Host", "smtp.example.test");
            b.UseSetting("Notifications:Smtp:From", "Model Governance Portal <portal@example.test>");
            b.UseSetting("Notifications:PortalUrl", "https://portal.example.test/");
            b.ConfigureTestServices(s => s.AddSingleton<ISmtpSender>(smtp));
        });
    }

    private NotificationDigestService Digests => mailing.Services.GetRequiredService<NotificationDigestService>();

    private NotificationService Notifications => mailing.Services.GetRequiredService<NotificationService>();

    [Fact]
    public async Task Each_person_gets_one_email_listing_their_unread_notifications_and_a_second_run_sends_nothing()
    {
        await PersonAsync("mona", "mona@example.test");
        await PersonAsync("eric", "eric@example.test");
        await Notifications.NotifyAsync(["mona", "eric"], "Flags", "credit-pd is orphaned", "No primary owner.", "/models/credit-pd", default);
        await Notifications.NotifyAsync(["mona"], "Ownership", "Acknowledge <ownership>", "Please & thanks.", null, default);

        Assert.Equal(2, await Digests.SendDueAsync(now.AddMinutes(1), default));

        var mona = smtp.Sent.Single(m => m.To.Mailboxes.Single().Address == "mona@example.test");
        Assert.Equal("2 new notifications in the Model Governance Portal", mona.Subject);
        Assert.Equal("portal@example.test", mona.From.Mailboxes.Single().Address);
        Assert.Contains("https://portal.example.test/models/credit-pd", mona.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Acknowledge &lt;ownership&gt;", mona.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Please &amp; thanks.", mona.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("credit-pd is orphaned", mona.TextBody, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(n => n.EmailedAt == null));

        Assert.Equal(0, await Digests.SendDueAsync(now.AddMinutes(1), default));
        Assert.Equal(2, smtp.Sent.Count);
    }

    [Fact]
    public async Task Read_later_than_cutoff_opted_out_deactivated_and_addressless_people_are_left_out()
    {
        await PersonAsync("reader", "reader@example.test");
        await PersonAsync("optout", "optout@example.test");
        await PersonAsync("nomail", null);
        await PersonAsync("leaver", "leaver@example.test");
        await Notifications.NotifyAsync(["reader", "optout", "nomail", "leaver"], "Flags", "T", "B", null, default);
        var reader = new Actor("reader", "reader", new HashSet<string> { PortalRoles.Engineer });
        await Notifications.MarkAllReadAsync(reader);
        await Notifications.SetEmailDigestAsync(new Actor("optout", "optout", new HashSet<string> { PortalRoles.Engineer }), wanted: false);
        var admin = new Actor("digest-admin", "Admin", new HashSet<string> { PortalRoles.Admin });
        await mailing.Services.GetRequiredService<Portal.Web.Features.Admin.UserAdminService>().SetActiveAsync(admin, "leaver", false, 1, "Left");

        Assert.Equal(0, await Digests.SendDueAsync(now.AddMinutes(1), default));
        Assert.Empty(smtp.Sent);

        await PersonAsync("late", "late@example.test");
        await Notifications.NotifyAsync(["late"], "Flags", "After the cutoff", "B", null, default);
        Assert.Equal(0, await Digests.SendDueAsync(now.AddHours(-1), default));
        Assert.Equal(1, await Digests.SendDueAsync(now.AddMinutes(1), default));
        Assert.False((await Notifications.GetPreferencesAsync(new Actor("optout", "o", new HashSet<string> { PortalRoles.Engineer }))).EmailDigest);
    }

    [Fact]
    public async Task Concurrent_runs_on_several_instances_send_each_notification_once()
    {
        for (var i = 0; i < 6; i++)
        {
            await PersonAsync($"p{i}", $"p{i}@example.test");
            await Notifications.NotifyAsync([$"p{i}"], "Flags", $"Flag {i}", "B", null, default);
        }

        var runs = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Digests.SendDueAsync(now.AddMinutes(1), default)));

        Assert.Equal(6, runs.Sum());
        Assert.Equal(6, smtp.Sent.Count);
        Assert.Equal(6, smtp.Sent.Select(m => m.To.Mailboxes.Single().Address).Distinct().Count());
    }

    [Fact]
    public async Task A_failed_send_releases_the_notifications_for_the_next_run()
    {
        await PersonAsync("flaky", "flaky@example.test");
        await Notifications.NotifyAsync(["flaky"], "Flags", "T", "B", null, default);
        smtp.FailNext = true;

        Assert.Equal(0, await Digests.SendDueAsync(now.AddMinutes(1), default));
        Assert.Equal(1, await CountAsync(n => n.EmailedAt == null && n.DigestClaim == null));

        Assert.Equal(1, await Digests.SendDueAsync(now.AddMinutes(1), default));
        Assert.Single(smtp.Sent);
    }

    [Fact]
    public async Task Without_smtp_configuration_email_is_off()
    {
        var inAppOnly = portal.Services.GetRequiredService<NotificationDigestService>();
        await portal.Services.GetRequiredService<UserDirectoryService>().RecordSignInAsync("inapp", "In App", "inapp@example.test", new HashSet<string>());
        await portal.Services.GetRequiredService<NotificationService>().NotifyAsync(["inapp"], "Flags", "T", "B", null, default);

        Assert.Equal(0, await inAppOnly.SendDueAsync(now.AddMinutes(1), default));
        Assert.False((await portal.Services.GetRequiredService<NotificationService>()
            .GetPreferencesAsync(new Actor("inapp", "i", new HashSet<string> { PortalRoles.Engineer }))).EmailEnabled);
    }

    private Task PersonAsync(string subject, string? email) =>
        mailing.Services.GetRequiredService<UserDirectoryService>().RecordSignInAsync(subject, subject.ToUpperInvariant(), email, new HashSet<string>());

    private async Task<int> CountAsync(System.Linq.Expressions.Expression<Func<Portal.Domain.Notifications.Notification, bool>> predicate)
    {
        await using var db = await mailing.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.Notifications.CountAsync(predicate);
    }

    public void Dispose()
    {
        mailing.Dispose();
        portal.Dispose();
    }

    private sealed class RecordingSmtp : ISmtpSender
    {
        private readonly Lock gate = new();

        public List<MimeMessage> Sent { get; } = [];

        public bool FailNext { get; set; }

        public Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            lock (gate)
            {
                if (FailNext)
                {
                    FailNext = false;
                    throw new InvalidOperationException("SMTP server unavailable");
                }
                Sent.Add(message);
            }
            return Task.CompletedTask;
        }
    }
}
