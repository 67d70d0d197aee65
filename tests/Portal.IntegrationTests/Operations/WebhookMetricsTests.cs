using Portal.Domain.Webhooks;
using Portal.IntegrationTests.Webhooks;

namespace Portal.IntegrationTests.Operations;

public sealed class WebhookMetricsTests : IDisposable
{
    private readonly WebhookPortal portal = new();

    [Fact]
    public async Task Each_delivery_attempt_counts_by_its_outcome()
    {
        using var recorder = new MetricRecorder(portal.App.Services);
        await using var receiver = await LoopbackReceiver.StartAsync();
        await portal.SubscribeAsync(receiver.Url);
        receiver.ThenAnswer(503, "down for a moment");

        await portal.DeactivatePersonAsync("metrics-leaver-1");
        await portal.DrainAsync();
        Assert.Equal(1, recorder.Sum("portal.webhooks.deliveries", "outcome", "Pending"));
        Assert.Equal(0, recorder.Sum("portal.webhooks.deliveries", "outcome", "Delivered"));

        portal.Clock.Advance(RetrySchedule.FirstDelay);
        await portal.DrainAsync();
        Assert.Equal(1, recorder.Sum("portal.webhooks.deliveries", "outcome", "Delivered"));
    }

    public void Dispose() => portal.Dispose();
}
