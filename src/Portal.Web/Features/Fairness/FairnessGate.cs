using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Releases;
using Portal.Web.Features.Releases;

namespace Portal.Web.Features.Fairness;

/// <summary>
/// Release gate "fairness": the newest evaluation of exactly this version (made by the request's moment) must
/// have passed, and be younger than the maximum age of the tier's policy in force at that moment. A later
/// failing evaluation is not outweighed by an earlier pass.
/// </summary>
public sealed class FairnessGate(IDbContextFactory<PortalDbContext> dbFactory) : IReleaseGate
{
    public const string GateName = "fairness";
    private const string Title = "Fairness evaluation";

    public string Name => GateName;

    public async Task<GateResult> EvaluateAsync(ReleaseGateSubject subject, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var policy = await FairnessPolicyService.InForceAsync(db, subject.RiskTier, subject.AsOf, cancellationToken);
        var latest = await db.FairnessEvaluations.AsNoTracking()
            .Where(e => e.VersionId == subject.VersionId && e.EvaluatedAt <= subject.AsOf)
            .OrderByDescending(e => e.EvaluatedAt).ThenByDescending(e => e.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (latest is null)
        {
            return GateResult.Fail(GateName, Title, $"No fairness evaluation of {subject.ModelKey} {subject.VersionLabel}.");
        }

        var when = latest.EvaluatedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var age = subject.AsOf - latest.EvaluatedAt;
        if (age > TimeSpan.FromDays(policy.MaximumAgeDays))
        {
            return GateResult.Fail(GateName, Title,
                $"The latest fairness evaluation of {subject.VersionLabel} ({when}) is {(int)age.TotalDays} days old; the {subject.RiskTier}-tier policy accepts at most {policy.MaximumAgeDays}.");
        }

        if (!latest.Passed)
        {
            var first = latest.Failures().FirstOrDefault()?.Sentence ?? "";
            return GateResult.Fail(GateName, Title,
                $"The latest fairness evaluation of {subject.VersionLabel} ({when}) failed the {latest.RiskTier}-tier policy v{latest.PolicyVersion}: {first}");
        }

        return GateResult.Pass(GateName, Title,
            $"Fairness evaluation of {subject.VersionLabel} on {when} passed the {latest.RiskTier}-tier policy v{latest.PolicyVersion}.");
    }
}
