using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Ownership;
using Portal.Domain.Releases;

namespace Portal.Web.Features.Releases;

/// <summary>Gate "primary-owner": the model has a primary owner whose account is active in the user directory.</summary>
public sealed class PrimaryOwnerGate(IDbContextFactory<PortalDbContext> dbFactory) : IReleaseGate
{
    public const string GateName = "primary-owner";
    private const string Title = "Active primary owner";

    public string Name => GateName;

    public async Task<GateResult> EvaluateAsync(ReleaseGateSubject subject, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var primary = await db.OwnershipAssignments.AsNoTracking()
            .Where(o => o.ModelId == subject.ModelId && o.Role == OwnerRole.Primary && o.EndedAt == null)
            .Select(o => new { o.OwnerSubject, o.OwnerName })
            .FirstOrDefaultAsync(cancellationToken);
        if (primary is null)
        {
            return GateResult.Fail(GateName, Title, $"{subject.ModelKey} has no primary owner; a Manager or Admin must assign one.");
        }
        var active = await db.Users.AsNoTracking().Where(u => u.Subject == primary.OwnerSubject).Select(u => (bool?)u.IsActive)
            .FirstOrDefaultAsync(cancellationToken);
        return active switch
        {
            true => GateResult.Pass(GateName, Title, $"{primary.OwnerName} is the primary owner and active."),
            false => GateResult.Fail(GateName, Title, $"The primary owner {primary.OwnerName} is deactivated in the user directory; assign an active owner."),
            null => GateResult.Fail(GateName, Title, $"The primary owner {primary.OwnerName} is not in the user directory (never signed in); their activity cannot be confirmed."),
        };
    }
}
