using Portal.Domain.Access;
using Portal.Domain.Findings;

namespace Portal.Web.Features.Findings;

/// <summary>
/// Demo findings, made through the same service the pages use: an open High finding that blocks the pending release of
/// credit-default-pd, a remediated one awaiting Rita's judgement, and a closed one with its whole history.
/// </summary>
internal static class DemoFindings
{
    private static readonly Actor Rita = new("demo-rita", "Rita Reviewer", new HashSet<string> { PortalRoles.ComplianceReviewer });
    private static readonly Actor Eric = new("demo-eric", "Eric Engineer", new HashSet<string> { PortalRoles.Engineer });

    public static async Task SeedAsync(FindingService findings, DateOnly today, CancellationToken cancellationToken)
    {
        await findings.RaiseAsync(Rita, "credit-default-pd", new FindingDetails("Holdout overlaps the training window", FindingSeverity.High,
            "The Q1 holdout shares six weeks of applications with the training data, so the reported AUC of 1.1.0 is optimistic. " +
            "Re-run the back-test on a holdout that starts after the training window ends.", Eric.Id, today.AddDays(14)), cancellationToken);

        var monitoring = await findings.RaiseAsync(Rita, "credit-default-pd", new FindingDetails("No drift monitoring on income", FindingSeverity.Medium,
            "Declared income drives most of the score but its distribution is not monitored in production.", Eric.Id, today.AddDays(30)), cancellationToken);
        await findings.RemediateAsync(Eric, monitoring.Id, "Added a weekly population stability check on income; alerts go to the team channel above 0.1.",
            [new EvidenceInput(EvidenceKind.Version, "1.1.0")], monitoring.Revision, cancellationToken);

        var thresholds = await findings.RaiseAsync(Rita, "fraud-card-realtime", new FindingDetails("Alert threshold not documented", FindingSeverity.Low,
            "The score threshold that raises an alert is set in the serving configuration but written down nowhere.", Eric.Id, today.AddDays(21)), cancellationToken);
        var remediated = await findings.RemediateAsync(Eric, thresholds.Id, "The threshold (0.87) and why it was chosen are now in the model card's caveats section.",
            [], thresholds.Revision, cancellationToken);
        await findings.CloseAsync(Rita, thresholds.Id, "Checked the card: the threshold and its rationale are documented.", remediated.Revision, cancellationToken);
    }
}
