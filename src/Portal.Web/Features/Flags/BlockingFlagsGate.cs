using Humanizer;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Releases;
using Portal.Web.Features.Releases;

namespace Portal.Web.Features.Flags;

/// <summary>
/// Fails while the model has an open flag of a rule that blocks releases (orphaned and revalidation due unless an Admin
/// changed that). Snoozing a flag does not unblock it: only the condition going away (and the next scan) does.
/// </summary>
public sealed class BlockingFlagsGate(IDbContextFactory<PortalDbContext> dbFactory, FlagRuleCatalog catalog) : IReleaseGate
{
    public const string GateName = "blocking-flags";
    private const string Title = "No open flag that blocks releases";

    public string Name => GateName;

    public async Task<GateResult> EvaluateAsync(ReleaseGateSubject subject, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var blocking = await catalog.BlockingRulesAsync(db, cancellationToken);
        var open = await db.Flags.AsNoTracking()
            .Where(f => f.ModelId == subject.ModelId && f.ResolvedAt == null && blocking.Contains(f.Rule))
            .OrderBy(f => f.Since).Select(f => new { f.Rule, f.Since, f.Detail })
            .ToListAsync(cancellationToken);
        if (open.Count == 0)
        {
            return GateResult.Pass(GateName, Title, $"{subject.ModelKey} has no open flag of a blocking rule ({string.Join(", ", blocking)}).");
        }
        var reasons = string.Join("; ", open.Select(f => $"{f.Rule} since {f.Since:yyyy-MM-dd}: {f.Detail}"));
        return GateResult.Fail(GateName, Title, $"{subject.ModelKey} has {"open blocking flag".ToQuantity(open.Count)}: {reasons}");
    }
}
