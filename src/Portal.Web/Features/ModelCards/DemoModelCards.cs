using Portal.Domain.Access;
using Portal.Domain.ModelCards;
using Portal.Domain.Releases;

namespace Portal.Web.Features.ModelCards;

/// <summary>
/// Demo cards written through the card service as the demo people would: the document classifier's card complete for its
/// Low tier over three revisions and reviewed by Rita (its release gate passes); credit-default-pd's High-tier card started
/// but incomplete and not reviewed.
/// </summary>
public static class DemoModelCards
{
    private static readonly Actor Alice = new("demo-alice", "Alice Admin", new HashSet<string> { PortalRoles.Admin });
    private static readonly Actor Eric = new("demo-eric", "Eric Engineer", new HashSet<string> { PortalRoles.Engineer });
    private static readonly Actor Rita = new("demo-rita", "Rita Reviewer", new HashSet<string> { PortalRoles.ComplianceReviewer });

    public static async Task SeedAsync(ModelCardService cards, CancellationToken cancellationToken)
    {
        const string classifier = "document-classifier";
        await cards.SaveAsync(Alice, classifier, 0, [Standard("model-details",
            "A fine-tuned **DistilBERT** classifier that sorts uploaded customer documents into 14 types (ID, payslip, bank statement, utility bill and others). " +
            "Trained by the Operations AI team; version 1.0.0 runs in production behind the upload service.")], "First draft: model details", "1.0.0", cancellationToken);
        await cards.SaveAsync(Alice, classifier, 1, [Standard("intended-use",
            "Routes documents to the right back-office queue so that people read fewer misfiled uploads. It is **not** used to decide on a customer: " +
            "every document is still checked by a person before it counts as evidence.")], "Intended use", null, cancellationToken);
        var third = await cards.SaveAsync(Alice, classifier, 2, [Standard("caveats-and-recommendations",
            "Handwritten and photographed documents are classified less accurately (macro F1 0.83 against 0.91 overall). " +
            "Low-confidence predictions (below 0.6) go to the manual triage queue."),
            new CardSection("custom-monitoring", "Monitoring", "Weekly accuracy on a sample of 200 hand-labelled documents; an alert below 0.9.")],
            "Caveats and monitoring", null, cancellationToken);
        await cards.ReviewAsync(Rita, SigningSession.Person(null), classifier, new ReviewRequest(third.Revision, "Clear about the manual check and its limits."),
            cancellationToken);

        const string credit = "credit-default-pd";
        await cards.SaveAsync(Eric, credit, 0, [Standard("model-details",
            "Gradient-boosted trees (LightGBM) estimating the 12-month probability of default of retail loan applicants.")], "Started the card", "1.1.0",
            cancellationToken);
        await cards.SaveAsync(Eric, credit, 1, [Standard("metrics", "AUC and Brier score on the out-of-time hold-out set; calibration by decile.")],
            "Metrics", null, cancellationToken);
    }

    private static CardSection Standard(string key, string markdown) => new(key, CardSections.StandardTitle(key)!, markdown);
}
