using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Web.Features.PointInTime;

/// <summary>Where a moment falls in the audit trail: the last event sealed at or before it (read from the OccurredAt index).</summary>
internal static class TrailCutoff
{
    /// <returns>Null when the trail holds nothing that early, so nothing existed yet.</returns>
    public static async Task<long?> ThroughAsync(PortalDbContext db, DateTime asOf, CancellationToken cancellationToken) =>
        await db.AuditEvents.AsNoTracking().Where(a => a.OccurredAt <= asOf)
            .OrderByDescending(a => a.OccurredAt).ThenByDescending(a => a.Sequence)
            .Select(a => (long?)a.Sequence).FirstOrDefaultAsync(cancellationToken);

    public static async Task<long> LastAsync(PortalDbContext db, CancellationToken cancellationToken) =>
        await db.AuditEvents.AsNoTracking().MaxAsync(a => (long?)a.Sequence, cancellationToken) ?? 0;
}
