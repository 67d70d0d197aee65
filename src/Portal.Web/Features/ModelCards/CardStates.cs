using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Inventory;
using Portal.Domain.ModelCards;

namespace Portal.Web.Features.ModelCards;

/// <summary>
/// Keeps each model's <see cref="ModelCardState"/> (what the inventory searches and filters by) in step with its card.
/// Every method only tracks changes: the caller saves them with the change that caused them, in one transaction.
/// </summary>
internal static class CardStates
{
    public static bool IsComplete(ModelCardRevision revision, CardTemplate template) =>
        CardCompleteness.Of(CardSections.Complete(revision.Sections()), template).IsComplete;

    /// <summary>The model's card now reads as <paramref name="revision"/>.</summary>
    public static async Task RevisedAsync(PortalDbContext db, Model model, ModelCardRevision revision, DateTime now, CancellationToken cancellationToken)
    {
        var complete = IsComplete(revision, await CardModels.TemplateAsync(db, model.RiskTier, now, cancellationToken));
        if (await db.ModelCardStates.SingleOrDefaultAsync(s => s.ModelId == model.Id, cancellationToken) is { } state)
        {
            state.Revised(revision, complete);
        }
        else
        {
            db.ModelCardStates.Add(ModelCardState.Of(revision, complete));
        }
    }

    public static async Task ReviewedAsync(PortalDbContext db, ModelCardReview review, CancellationToken cancellationToken)
    {
        var state = await db.ModelCardStates.SingleOrDefaultAsync(s => s.ModelId == review.ModelId, cancellationToken);
        state?.ReviewedRevision(review.RevisionNumber);
    }

    /// <summary>
    /// Judges again against <paramref name="template"/> the cards of the models of its tier or, given <paramref name="modelId"/>,
    /// that model's card (being classified into the template's tier).
    /// </summary>
    public static async Task JudgeAsync(PortalDbContext db, CardTemplate template, int? modelId, CancellationToken cancellationToken)
    {
        var rows = await (
            from s in db.ModelCardStates
            join m in db.Models on s.ModelId equals m.Id
            join r in db.ModelCardRevisions on new { s.ModelId, Number = s.RevisionNumber } equals new { r.ModelId, r.Number }
            where modelId == null ? m.RiskTier == template.RiskTier : s.ModelId == modelId
            select new { State = s, Revision = r }).ToListAsync(cancellationToken);
        foreach (var row in rows)
        {
            row.State.Judged(IsComplete(row.Revision, template));
        }
    }
}
