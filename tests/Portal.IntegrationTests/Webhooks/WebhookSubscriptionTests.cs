using Portal.Domain.Webhooks;
using Portal.Web.Features.Shared;
using Portal.Web.Features.Webhooks;

namespace Portal.IntegrationTests.Webhooks;

public sealed class WebhookSubscriptionTests : IDisposable
{
    private readonly WebhookPortal portal = new();

    [Fact]
    public async Task A_stale_revision_is_a_conflict_and_changes_nothing()
    {
        var created = await portal.SubscribeAsync("http://127.0.0.1:9/hook");
        await portal.Subscriptions.SetEnabledAsync(WebhookPortal.Admin, created.Subscription.Id, new SubscriptionStateRequest(false, created.Subscription.Revision));

        await Assert.ThrowsAsync<ConflictException>(() => portal.Subscriptions.RotateSecretAsync(WebhookPortal.Admin, created.Subscription.Id,
            new RotateSecretRequest(created.Subscription.Revision)));

        var stored = Assert.Single(await portal.Subscriptions.ListAsync(WebhookPortal.Admin));
        Assert.False(stored.Enabled);
        Assert.Equal(created.Subscription.SecretRotatedAt, stored.SecretRotatedAt);
    }

    [Fact]
    public async Task A_disabled_subscription_receives_nothing_and_a_rotated_secret_signs_what_follows()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        var created = await portal.SubscribeAsync(receiver.Url);
        var disabled = await portal.Subscriptions.SetEnabledAsync(WebhookPortal.Admin, created.Subscription.Id,
            new SubscriptionStateRequest(false, created.Subscription.Revision));
        await portal.DeactivatePersonAsync("while-disabled");
        await portal.DrainAsync();
        Assert.Empty(receiver.Requests);

        var enabled = await portal.Subscriptions.SetEnabledAsync(WebhookPortal.Admin, created.Subscription.Id, new SubscriptionStateRequest(true, disabled.Revision));
        var rotated = await portal.Subscriptions.RotateSecretAsync(WebhookPortal.Admin, created.Subscription.Id, new RotateSecretRequest(enabled.Revision));
        await portal.DeactivatePersonAsync("after-rotation");
        await portal.DrainAsync();

        var received = Assert.Single(receiver.Requests);
        var timestamp = long.Parse(received.Timestamp!, System.Globalization.CultureInfo.InvariantCulture);
        var now = portal.Clock.GetUtcNow();
        Assert.True(WebhookSignature.Verify(rotated.Secret, received.Id!, timestamp, received.Body, received.Signature!, now, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify(created.Secret, received.Id!, timestamp, received.Body, received.Signature!, now, TimeSpan.FromMinutes(5)));
    }

    public void Dispose() => portal.Dispose();
}
