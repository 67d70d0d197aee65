using Humanizer;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Domain.Findings;
using Portal.Domain.Releases;
using Portal.Web.Features.Releases;

namespace Portal.Web.Features.Findings;

/// <summary>
/// Release gate "findings": fails while a finding of a blocking severity (Findings:BlockingSeverities, default High and
/// Critical) on the model is not closed at the request's moment; the reason names each one.
/// </summary>
public sealed class FindingsGate(IDbContextFactory<PortalDbContext> dbFactory, IOptions<FindingOptions> options) : IReleaseGate
{
    public const string GateName = "findings";
    private const string Title = "No open finding that blocks releases";

    public string Name => GateName;

    public async Task<GateResult> EvaluateAsync(ReleaseGateSubject subject, CancellationToken cancellationToken)
    {
        var blocking = options.Value.Blocking.ToList();
        var severities = blocking.Count == 0 ? "none (Findings:BlockingSeverities)" : string.Join(" or ", blocking);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var open = await db.Findings.AsNoTracking()
            .Where(f => f.ModelId == subject.ModelId && blocking.Contains(f.Severity) && f.RaisedAt <= subject.AsOf
                && (f.Status != FindingStatus.Closed || f.ClosedAt > subject.AsOf))
            .OrderBy(f => f.RaisedAt).Select(f => new { f.Title, f.Severity, f.Status, f.RemediationOwnerName, f.DueDate })
            .ToListAsync(cancellationToken);
        if (open.Count == 0)
        {
            return GateResult.Pass(GateName, Title, $"{subject.ModelKey} has no finding of a blocking severity ({severities}) that is not closed.");
        }
        var named = string.Join("; ", open.Select(f =>
            $"'{f.Title}' ({f.Severity}, {FindingRules.Describe(f.Status)}, remediation owner {f.RemediationOwnerName}, due {f.DueDate:yyyy-MM-dd})"));
        return GateResult.Fail(GateName, Title, $"{subject.ModelKey} has {"open blocking finding".ToQuantity(open.Count)}: {named}.");
    }
}
