using Portal.Domain.Access;
using Portal.Web.Features.Shared.Evidence;

namespace Portal.Web.Features.Audits;

/// <summary>
/// Demo audit requests, made through the same service the pages use: Audrey's open request about the credit model with one
/// question answered by Eric with frozen evidence and one still waiting, and a closed request about the document classifier.
/// </summary>
internal static class DemoAuditRequests
{
    private static readonly Actor Audrey = new("demo-audrey", "Audrey Auditor", new HashSet<string> { PortalRoles.Auditor });
    private static readonly Actor Eric = new("demo-eric", "Eric Engineer", new HashSet<string> { PortalRoles.Engineer });
    private static readonly Actor Alice = new("demo-alice", "Alice Admin", new HashSet<string> { PortalRoles.Admin });

    public static async Task SeedAsync(AuditRequestService audits, DateTime now, CancellationToken cancellationToken)
    {
        var open = await audits.OpenAsync(Audrey, new OpenAuditRequestInput("Annual model risk review: credit scoring", ["credit-default-pd"],
        [
            "Which data set trained the version now in production, and how was it validated?",
            "Show the fairness evaluation that supported the last release.",
        ], now.AddDays(21), "High", now.AddYears(-1), now), cancellationToken);
        await audits.AnswerAsync(Eric, open.Id, 1, new AnswerInput(
            "Version 1.0.0 was trained on the 2025 Q4 loan applications (hash in the version record) and validated on the 2026 Q1 holdout; " +
            "the model card describes the evaluation.",
            [new EvidenceRequest("model-version", "1.0.0"), new EvidenceRequest("model-card-revision", "1")], null), cancellationToken);

        var closed = await audits.OpenAsync(Audrey, new OpenAuditRequestInput("Release evidence: document classifier", ["document-classifier"],
            ["Which version is in production, and who approved it?"], now.AddDays(7), "Normal"), cancellationToken);
        await audits.AnswerAsync(Alice, closed.Id, 1, new AnswerInput("Version 1.0.0, approved by Rita Reviewer through its release request.",
            [new EvidenceRequest("model-version", "1.0.0")], null), cancellationToken);
        await audits.AcceptAsync(Audrey, closed.Id, 1, new DecisionInput("Matches the release records.", null), cancellationToken);
    }
}
