using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.ModelCards;
using Portal.Domain.Releases;
using Portal.Web.Features.Releases;

namespace Portal.Web.Features.ModelCards;

/// <summary>
/// Release gate "model-card": the card, as it stood at the request's moment, is complete for the model's tier and its latest
/// revision is reviewed. The reason names the revision and what is missing.
/// </summary>
public sealed class ModelCardGate(IDbContextFactory<PortalDbContext> dbFactory) : IReleaseGate
{
    public const string GateName = "model-card";
    private const string Title = "Model card";

    public string Name => GateName;

    public async Task<GateResult> EvaluateAsync(ReleaseGateSubject subject, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var latest = await CardModels.LatestAsync(db, subject.ModelId, cancellationToken, subject.AsOf);
        if (latest is null)
        {
            return GateResult.Fail(GateName, Title, $"{subject.ModelKey} has no model card yet; its owners write one on the model's Card tab.");
        }
        var template = await CardModels.TemplateAsync(db, subject.RiskTier, subject.AsOf, cancellationToken);
        var completeness = CardCompleteness.Of(latest.Sections(), template);
        var review = await db.ModelCardReviews.AsNoTracking()
            .Where(r => r.ModelId == subject.ModelId && r.RevisionNumber == latest.Number && r.ReviewedAt <= subject.AsOf)
            .FirstOrDefaultAsync(cancellationToken);
        var card = $"Card revision {latest.Number}";
        if (!completeness.IsComplete)
        {
            return GateResult.Fail(GateName, Title, $"{card} is {completeness.Score}% complete, {completeness.Summary}"
                + (review is null ? "; and it is not reviewed." : "."));
        }
        return review is null
            ? GateResult.Fail(GateName, Title, $"{card} is {completeness.Summary} but not reviewed: a Compliance reviewer must review it.")
            : GateResult.Pass(GateName, Title, $"{card} is {completeness.Summary} and was reviewed by {review.ReviewerName} on {review.ReviewedAt:yyyy-MM-dd}.");
    }
}
