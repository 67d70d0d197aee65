using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Configurations;

namespace Portal.Web.Features.Flags;

/// <summary>
/// The scan lease: one row, taken by an atomic conditional UPDATE (free or expired → mine, with a new expiry), renewed by
/// its holder and released at the end. Works the same across portal instances on one database; a crashed holder's lease lapses.
/// </summary>
public sealed class ScanLeaseStore(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock)
{
    private const string Lease = ScanLeaseConfiguration.FlagScanLease;

    public async Task<bool> TryAcquireAsync(string holder, TimeSpan duration, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var expires = now + duration;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var taken = await db.ScanLeases.Where(l => l.Name == Lease && (l.Holder == null || l.ExpiresAt <= now))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, holder).SetProperty(l => l.ExpiresAt, expires), cancellationToken);
        return taken == 1;
    }

    /// <summary>Extends the lease; false when it is no longer ours (it lapsed and someone else took it).</summary>
    public async Task<bool> RenewAsync(string holder, TimeSpan duration, CancellationToken cancellationToken)
    {
        var expires = clock.GetUtcNow().UtcDateTime + duration;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.ScanLeases.Where(l => l.Name == Lease && l.Holder == holder)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, expires), cancellationToken) == 1;
    }

    public async Task ReleaseAsync(string holder, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.ScanLeases.Where(l => l.Name == Lease && l.Holder == holder)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, (string?)null).SetProperty(l => l.ExpiresAt, DateTime.UnixEpoch), cancellationToken);
    }
}
