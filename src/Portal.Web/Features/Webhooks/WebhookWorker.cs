using Microsoft.Extensions.Options;

namespace Portal.Web.Features.Webhooks;

/// <summary>
/// Runs on every instance (unless <c>Webhooks:WorkerEnabled</c> is false): fans committed events out, sends what is due, and
/// waits <c>Webhooks:PollMilliseconds</c> only when there was nothing to do.
/// </summary>
public sealed class WebhookWorker(WebhookDispatcher dispatcher, WebhookSender sender, IOptionsMonitor<WebhookOptions> options, TimeProvider clock,
    ILogger<WebhookWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.CurrentValue.WorkerEnabled)
        {
            logger.LogInformation("The webhook worker is off on this instance (Webhooks:WorkerEnabled is false)");
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            var busy = false;
            try
            {
                busy = await RunOnceAsync(stoppingToken);
            }
#pragma warning disable CA1031 // a failed round (database away) must not stop deliveries for good
            catch (Exception failure) when (failure is not OperationCanceledException)
#pragma warning restore CA1031
            {
                logger.LogError(failure, "A webhook delivery round failed; it runs again");
            }
            if (!busy)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(options.CurrentValue.PollMilliseconds), clock, stoppingToken);
            }
        }
    }

    /// <summary>One round: answers whether there was work, so that a burst is worked through without waiting.</summary>
    public async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        var dispatched = await dispatcher.DispatchAsync(cancellationToken);
        var sent = await sender.SendDueAsync(cancellationToken);
        return dispatched > 0 || sent > 0;
    }
}
