using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Domain.Access;
using Portal.Domain.Webhooks;
using Portal.IntegrationTests.Infrastructure;
using Portal.Web.Features.Shared;
using Portal.Web.Features.Webhooks;

namespace Portal.IntegrationTests.Webhooks;

/// <summary>The attacks on webhooks: managing them without being an Admin person, and pointing them inside the network.</summary>
public sealed class WebhookAbuseCaseTests : IDisposable
{
    private readonly WebhookPortal portal = new();

    private static object Subscription(string url) => new { url, description = "x", eventTypes = new[] { WebhookEventTypes.FlagRaised } };

    [Theory]
    [InlineData(PortalRoles.Manager)]
    [InlineData(PortalRoles.Engineer)]
    [InlineData(PortalRoles.ComplianceReviewer)]
    [InlineData(PortalRoles.Auditor)]
    [InlineData(PortalRoles.Admin)]
    public async Task Only_an_Admin_as_a_person_manages_webhooks_and_every_refusal_is_audited(string role)
    {
        using var client = portal.ClientAs(role);

        var create = await client.PostJsonAsync("/api/v1/webhooks/subscriptions", Subscription("https://hooks.example.com/x"));
        var list = await client.GetAsync("/api/v1/webhooks/subscriptions");

        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        await using var db = await portal.App.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        Assert.False(await db.WebhookSubscriptions.AnyAsync());
        Assert.Equal(2, await db.AuditEvents.CountAsync(a => a.Action == "Access.Denied" && a.EntityId == nameof(Permission.ManageWebhooks)));
    }

    [Fact]
    public async Task A_Manager_cannot_redeliver_or_rotate_through_the_service()
    {
        var manager = new Actor("manager-1", "Manager One", new HashSet<string> { PortalRoles.Manager });
        var created = await portal.SubscribeAsync("http://127.0.0.1:9/hook");

        await Assert.ThrowsAsync<AccessDeniedException>(() => portal.Subscriptions.RotateSecretAsync(manager, created.Subscription.Id,
            new RotateSecretRequest(created.Subscription.Revision)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => portal.Deliveries.RedeliverAsync(manager, 1));
    }

    [Theory]
    [InlineData("http://10.0.0.5/hook")]
    [InlineData("http://172.16.3.4/hook")]
    [InlineData("http://192.168.1.10/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://0.0.0.0/hook")]
    [InlineData("http://[::1]/hook")]
    [InlineData("http://[fd00::1]/hook")]
    [InlineData("http://[fe80::1]/hook")]
    [InlineData("http://[::ffff:10.0.0.1]/hook")]
    [InlineData("http://localhost/hook")]
    [InlineData("http://127.0.0.2/hook")]
    [InlineData("file:///etc/passwd")]
    [InlineData("http://user:pass@hooks.example.com/")]
    public async Task A_target_inside_the_network_is_refused_when_subscribing(string url)
    {
        var refused = await Assert.ThrowsAsync<InputRejectedException>(() => portal.SubscribeAsync(url));

        Assert.True(refused.Errors.ContainsKey("url"));
        await using var db = await portal.App.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        Assert.False(await db.WebhookSubscriptions.AnyAsync());
    }

    [Fact]
    public async Task Control_characters_and_huge_urls_are_refused_as_bad_input()
    {
        await Assert.ThrowsAsync<InputRejectedException>(() => portal.SubscribeAsync("http://127.0.0.1/\u0007"));
        await Assert.ThrowsAsync<InputRejectedException>(() => portal.SubscribeAsync("http://127.0.0.1/" + new string('a', 5000)));
        await Assert.ThrowsAsync<InputRejectedException>(() => portal.SubscribeAsync("http://127.0.0.1/", "no.such.event"));
    }

    [Fact]
    public async Task A_name_that_resolves_inside_the_network_at_send_time_is_not_connected_to()
    {
        using var rebinding = new WebhookPortal(new RebindingResolver());
        await using var receiver = await LoopbackReceiver.StartAsync();
        var port = new Uri(receiver.Url).Port;
        await rebinding.SubscribeAsync($"http://hooks.rebind.test:{port}/hook");

        await rebinding.DeactivatePersonAsync("leaver-rebind");
        await rebinding.DrainAsync();

        Assert.Empty(receiver.Requests);
        var attempt = Assert.Single(await rebinding.AttemptsAsync());
        Assert.Null(attempt.StatusCode);
        Assert.Contains("Refused to connect", attempt.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_redirect_is_not_followed()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        await using var inside = await LoopbackReceiver.StartAsync();
        // Loopback is allowed in these tests, so following the redirect would reach the second receiver: it must stay silent.
        receiver.ThenAnswer(307, location: inside.Url);
        await portal.SubscribeAsync(receiver.Url);

        await portal.DeactivatePersonAsync("leaver-redirect");
        await portal.DrainAsync();

        Assert.Single(receiver.Requests);
        Assert.Empty(inside.Requests);
        Assert.Equal(307, Assert.Single(await portal.AttemptsAsync()).StatusCode);
    }

    [Fact]
    public async Task The_secret_is_never_in_the_audit_trail_nor_answered_again()
    {
        var created = await portal.SubscribeAsync("http://127.0.0.1:9/hook");
        var rotated = await portal.Subscriptions.RotateSecretAsync(WebhookPortal.Admin, created.Subscription.Id,
            new RotateSecretRequest(created.Subscription.Revision));

        await using var db = await portal.App.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var trail = await db.AuditEvents.Where(a => a.EntityType == "WebhookSubscription").OrderBy(a => a.Sequence).ToListAsync();
        Assert.Equal(["Webhook.Subscribed", "Webhook.SecretRotated"], trail.Select(a => a.Action));
        foreach (var secret in new[] { created.Secret, rotated.Secret, created.Secret[WebhookSecret.Prefix.Length..] })
        {
            Assert.DoesNotContain(trail, a => (a.Before ?? "").Contains(secret, StringComparison.Ordinal) || (a.After ?? "").Contains(secret, StringComparison.Ordinal));
        }
        Assert.DoesNotContain(trail, a => (a.After ?? "").Contains("ProtectedSecret", StringComparison.Ordinal));
        var stored = await db.WebhookSubscriptions.SingleAsync();
        Assert.DoesNotContain(rotated.Secret, stored.ProtectedSecret, StringComparison.Ordinal);
    }

    public void Dispose() => portal.Dispose();
}
