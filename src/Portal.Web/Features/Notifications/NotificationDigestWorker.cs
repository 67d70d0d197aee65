using Microsoft.Extensions.Options;
using Portal.Domain.Notifications;

namespace Portal.Web.Features.Notifications;

/// <summary>
/// Once a day at <c>Notifications:Digest:HourUtc</c> sends the digest of everything created up to that hour. Every instance
/// runs it; the digest service's claims make the second and later runs of the same hour send nothing.
/// </summary>
public sealed class NotificationDigestWorker(NotificationDigestService digests, IOptions<NotificationOptions> options, TimeProvider clock,
    ILogger<NotificationDigestWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.EmailEnabled)
        {
            logger.LogInformation("Notification e-mail is off (no Notifications:Smtp:Host and From); notifications stay in the portal");
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            var next = DigestSchedule.NextRunAfter(clock.GetUtcNow(), options.Value.Digest.HourUtc);
            var wait = next - clock.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, clock, stoppingToken);
            }
            try
            {
                var sent = await digests.SendDueAsync(next.UtcDateTime, stoppingToken);
                if (logger.IsEnabled(LogLevel.Information))
                {
                    logger.LogInformation("Sent {Count} notification digest(s) for {Cutoff}", sent, next);
                }
            }
#pragma warning disable CA1031 // a failed run (database away) must not end the daily schedule
            catch (Exception failure) when (failure is not OperationCanceledException)
#pragma warning restore CA1031
            {
                logger.LogError(failure, "The notification digest run for {Cutoff} failed", next);
            }
        }
    }
}
