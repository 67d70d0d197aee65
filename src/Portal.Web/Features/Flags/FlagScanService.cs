using Microsoft.Extensions.Options;

namespace Portal.Web.Features.Flags;

/// <summary>
/// Runs the scan at start, every <see cref="FlagOptions.ScanInterval"/>, and soon after anything asks
/// (<see cref="FlagScanRequests"/>). A failed scan is logged and the next one tries again.
/// </summary>
public sealed class FlagScanService(FlagScanner scanner, FlagScanRequests requests, IOptions<FlagOptions> options, ILogger<FlagScanService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.BackgroundScans)
        {
            return;
        }
        // Let the host finish starting (and the database be migrated and seeded) first.
        await Task.Yield();
        var trigger = FlagScanner.StartupTrigger;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Start-up and interval scans run once per interval across instances; an asked-for scan always runs.
                await (trigger is FlagScanner.StartupTrigger or FlagScanner.IntervalTrigger
                    ? scanner.ScanIfDueAsync(trigger, stoppingToken)
                    : scanner.ScanAsync(trigger, stoppingToken));
            }
            catch (Exception failed) when (failed is not OperationCanceledException)
            {
                logger.LogError(failed, "Flag scan ({Trigger}) failed; the next one tries again.", trigger);
            }
            try
            {
                trigger = await requests.WaitAsync(options.Value.ScanInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
