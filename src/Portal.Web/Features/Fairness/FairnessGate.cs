using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Fairness;
using Portal.Domain.Releases;
using Portal.Web.Features.Releases;

namespace Portal.Web.Features.Fairness;

/// <summary>
/// Release gate "fairness": the newest evaluation of exactly this version (made by the request's moment) must pass the
/// fairness policy version frozen with the request (its figures judged again by that version's thresholds) and be younger
/// than that version's maximum age. Imported figures count only once a ComplianceReviewer attested them. A later failing
/// evaluation is not outweighed by an earlier pass. The reason always says where the figures came from.
/// </summary>
public sealed class FairnessGate(IDbContextFactory<PortalDbContext> dbFactory) : IReleaseGate
{
    public const string GateName = "fairness";
    private const string Title = "Fairness evaluation";

    public string Name => GateName;

    public async Task<GateResult> EvaluateAsync(ReleaseGateSubject subject, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var policy = await FrozenPolicyAsync(db, subject, cancellationToken);
        if (policy is null)
        {
            return GateResult.Fail(GateName, Title, $"The {subject.RiskTier}-tier fairness policy version {subject.FairnessPolicyVersion} frozen with the request no longer exists.");
        }
        var latest = await db.FairnessEvaluations.AsNoTracking()
            .Where(e => e.VersionId == subject.VersionId && e.EvaluatedAt <= subject.AsOf)
            .OrderByDescending(e => e.EvaluatedAt).ThenByDescending(e => e.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (latest is null)
        {
            return GateResult.Fail(GateName, Title, $"No fairness evaluation of {subject.ModelKey} {subject.VersionLabel}.");
        }

        var when = latest.EvaluatedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var what = $"The latest fairness evaluation of {subject.VersionLabel} ({when}, {latest.SourceDescription()})";
        var judgedBy = $"the {policy.RiskTier}-tier fairness policy version {policy.Version} frozen with the request";
        if (!latest.IsTrusted)
        {
            return GateResult.Fail(GateName, Title,
                $"{what} does not count until a ComplianceReviewer attests it: imported figures are not evidence on their own word.");
        }
        var age = subject.AsOf - latest.EvaluatedAt;
        if (age > TimeSpan.FromDays(policy.MaximumAgeDays))
        {
            return GateResult.Fail(GateName, Title, $"{what} is {(int)age.TotalDays} days old; {judgedBy} accepts at most {policy.MaximumAgeDays}.");
        }

        var verdict = FairnessJudgement.Judge(latest.Results(), policy.Thresholds);
        return verdict.Passed
            ? GateResult.Pass(GateName, Title, $"{what} passed {judgedBy}.")
            : GateResult.Fail(GateName, Title, $"{what} failed {judgedBy}: {verdict.Failures.FirstOrDefault()?.Sentence}");
    }

    /// <summary>The frozen version: the built-in default (v0) or the stored version; null if a stored one is missing.</summary>
    private static async Task<FairnessPolicy?> FrozenPolicyAsync(PortalDbContext db, ReleaseGateSubject subject, CancellationToken cancellationToken) =>
        subject.FairnessPolicyVersion == 0
            ? FairnessPolicy.Default(subject.RiskTier)
            : await db.FairnessPolicies.AsNoTracking().SingleOrDefaultAsync(p => p.RiskTier == subject.RiskTier && p.Version == subject.FairnessPolicyVersion,
                cancellationToken);
}
