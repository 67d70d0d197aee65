using Portal.Domain.Directory;

namespace Portal.Web.Features.Flags;

/// <summary>Someone left: scan soon, so that their models show as orphaned or owner-departed without waiting for the hour.</summary>
public sealed class ScanOnDeactivation(FlagScanRequests scans) : IUserLifecycleListener
{
    public Task OnUserDeactivatedAsync(UserDeactivated deactivated, CancellationToken cancellationToken)
    {
        scans.RequestScan($"{deactivated.Name} was deactivated");
        return Task.CompletedTask;
    }
}
