namespace Portal.Web.Features.ApiContract;

/// <summary>Deletes expired idempotency records every hour, so the table holds about a day of keys.</summary>
public sealed class IdempotencyCleanup(IdempotencyStore store, TimeProvider clock, ILogger<IdempotencyCleanup> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                await store.DeleteExpiredAsync(stoppingToken);
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                // The next round tries again; expired records are also ignored when a key is claimed.
                logger.LogWarning(failure, "Deleting expired idempotency records failed.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
