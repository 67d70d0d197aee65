using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Domain.Directory;
using Portal.Domain.Webhooks;
using Portal.Web.Features.Webhooks;

namespace Portal.IntegrationTests.Webhooks;

public sealed class WebhookDeliveryTests : IDisposable
{
    private readonly WebhookPortal portal = new();

    [Fact]
    public async Task A_committed_change_is_delivered_once_signed_as_Standard_Webhooks_says()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        var subscription = await portal.SubscribeAsync(receiver.Url);

        await portal.DeactivatePersonAsync("leaver-1");
        await portal.DrainAsync();

        var received = Assert.Single(receiver.Requests);
        Assert.True(WebhookSignature.Verify(subscription.Secret, received.Id!, long.Parse(received.Timestamp!, System.Globalization.CultureInfo.InvariantCulture), received.Body, received.Signature!,
            portal.Clock.GetUtcNow(), TimeSpan.FromMinutes(5)));
        using var body = JsonDocument.Parse(received.Body);
        Assert.Equal("person.deactivated", body.RootElement.GetProperty("type").GetString());
        Assert.Equal("1", body.RootElement.GetProperty("version").GetString());
        Assert.Equal("leaver-1", body.RootElement.GetProperty("data").GetProperty("entityId").GetString());
        Assert.Equal("https://portal.example.test/admin/users", body.RootElement.GetProperty("data").GetProperty("link").GetString());
        var log = Assert.Single(await portal.Deliveries.LogAsync(WebhookPortal.Admin, subscription.Subscription.Id));
        Assert.Equal(DeliveryStatus.Delivered, log.Status);
        Assert.Equal(200, Assert.Single(log.AttemptLog).StatusCode);
    }

    [Fact]
    public async Task A_change_that_rolls_back_sends_nothing()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        await portal.SubscribeAsync(receiver.Url);
        var dbFactory = portal.App.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            db.Actor = WebhookPortal.Admin;
            var person = UserAccount.Create("stays-1", "Person stays-1", null);
            db.Users.Add(person);
            await db.SaveChangesAsync();
        }

        // The deactivation is saved inside a unit of work that then fails: its audit event and outbox row roll back with it.
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            db.Actor = WebhookPortal.Admin;
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.InUnitOfWorkAsync(async () =>
            {
                var person = await db.Users.SingleAsync(u => u.Subject == "stays-1");
                person.Deactivate("by mistake", portal.Clock.GetUtcNow().UtcDateTime);
                await db.SaveChangesAsync();
                throw new InvalidOperationException("The rest of the change failed.");
            }));
        }
        await portal.DrainAsync();

        Assert.Empty(receiver.Requests);
        await using var check = await dbFactory.CreateDbContextAsync();
        Assert.False(await check.WebhookOutbox.AnyAsync(e => e.EntityId == "stays-1"));
        Assert.True(await check.Users.AnyAsync(u => u.Subject == "stays-1" && u.DeactivationReason == null));
    }

    [Fact]
    public async Task A_failing_receiver_is_retried_with_growing_delays_until_it_recovers()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        receiver.ThenAnswer(500, "database is down");
        receiver.ThenAnswer(503, "still starting");
        await portal.SubscribeAsync(receiver.Url);
        await portal.DeactivatePersonAsync("leaver-2");

        await portal.DrainAsync();
        Assert.Single(receiver.Requests);
        portal.Clock.Advance(RetrySchedule.FirstDelay - TimeSpan.FromSeconds(1));
        await portal.DrainAsync();
        Assert.Single(receiver.Requests);
        portal.Clock.Advance(TimeSpan.FromSeconds(1));
        await portal.DrainAsync();
        Assert.Equal(2, receiver.Requests.Count);
        portal.Clock.Advance(RetrySchedule.FirstDelay);
        await portal.DrainAsync();
        Assert.Equal(2, receiver.Requests.Count);
        portal.Clock.Advance(RetrySchedule.FirstDelay);
        await portal.DrainAsync();

        Assert.Equal(3, receiver.Requests.Count);
        Assert.Single(receiver.Requests.Select(r => r.Id).Distinct());
        var attempts = await portal.AttemptsAsync();
        Assert.Equal([500, 503, 200], attempts.Select(a => a.StatusCode ?? 0));
        Assert.Equal("database is down", attempts[0].ResponseExcerpt);
        Assert.Equal([false, false, true], attempts.Select(a => a.Succeeded));
    }

    [Fact]
    public async Task A_long_answer_is_logged_as_a_bounded_excerpt()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        receiver.ThenAnswer(500, new string('x', 100_000));
        await portal.SubscribeAsync(receiver.Url);
        await portal.DeactivatePersonAsync("leaver-3");

        await portal.DrainAsync();

        var attempt = Assert.Single(await portal.AttemptsAsync());
        Assert.Equal(WebhookAttempt.ResponseExcerptMaxLength, attempt.ResponseExcerpt!.Length);
    }

    [Fact]
    public async Task Redelivery_sends_the_same_message_again_and_is_audited()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        var subscription = await portal.SubscribeAsync(receiver.Url);
        await portal.DeactivatePersonAsync("leaver-4");
        await portal.DrainAsync();
        var first = Assert.Single(await portal.Deliveries.LogAsync(WebhookPortal.Admin, subscription.Subscription.Id));

        await portal.Deliveries.RedeliverAsync(WebhookPortal.Admin, first.Id);
        await portal.DrainAsync();

        Assert.Equal(2, receiver.Requests.Count);
        Assert.Single(receiver.Requests.Select(r => r.Id).Distinct());
        Assert.Single(receiver.Requests.Select(r => r.Body).Distinct());
        var dbFactory = portal.App.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using var db = await dbFactory.CreateDbContextAsync();
        Assert.True(await db.AuditEvents.AnyAsync(a => a.Action == "Webhook.Redelivered" && a.ActorId == WebhookPortal.Admin.Id));
    }

    [Fact]
    public async Task A_delivery_the_schedule_gives_up_on_is_audited_and_its_subscriber_told_once()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        for (var i = 0; i < 40; i++)
        {
            receiver.ThenAnswer(503, "down for good");
        }
        var subscription = await portal.SubscribeAsync(receiver.Url);
        await portal.DeactivatePersonAsync("leaver-5");

        // A day of retries, then as long again: the give-up happens once and nothing is tried after it.
        for (var round = 0; round < 16; round++)
        {
            await portal.DrainAsync();
            portal.Clock.Advance(RetrySchedule.LongestDelay);
        }

        var delivery = Assert.Single(await portal.Deliveries.LogAsync(WebhookPortal.Admin, subscription.Subscription.Id));
        Assert.Equal(DeliveryStatus.Failed, delivery.Status);
        var dbFactory = portal.App.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using var db = await dbFactory.CreateDbContextAsync();
        var told = Assert.Single(await db.Notifications.Where(n => n.Category == WebhookGiveUpNotifications.Category).ToListAsync());
        Assert.Equal(WebhookPortal.Admin.Id, told.RecipientSubject);
        Assert.Contains(receiver.Url, told.Title, StringComparison.Ordinal);
        Assert.Contains($"failed {delivery.Attempts} times", told.Body, StringComparison.Ordinal);
        var audited = Assert.Single(await db.AuditEvents.Where(a => a.Action == WebhookAuditActions.GaveUp).ToListAsync());
        Assert.Equal($"webhook-{subscription.Subscription.Id}", audited.EntityId);
        Assert.Contains("503", audited.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_instances_racing_on_one_database_deliver_each_event_exactly_once()
    {
        const int Events = 40;
        await using var receiver = await LoopbackReceiver.StartAsync();
        await portal.SubscribeAsync(receiver.Url);
        var other = portal.Instance();
        for (var i = 0; i < Events; i++)
        {
            await portal.DeactivatePersonAsync($"racer-{i}");
        }

        await Task.WhenAll(Task.Run(() => WebhookPortal.DrainAsync(portal.App)), Task.Run(() => WebhookPortal.DrainAsync(other)));
        await Task.WhenAll(Task.Run(() => WebhookPortal.DrainAsync(portal.App)), Task.Run(() => WebhookPortal.DrainAsync(other)));

        Assert.Equal(Events, receiver.Requests.Count);
        Assert.Equal(Events, receiver.Requests.Select(r => r.Id).Distinct().Count());
        Assert.Equal(Events, (await portal.AttemptsAsync()).Count);
    }

    public void Dispose() => portal.Dispose();
}
