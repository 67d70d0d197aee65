using Portal.Domain.Audit;

namespace Portal.Domain.ModelCards;

/// <summary>
/// A Compliance reviewer's mark that one revision of a card was reviewed. It is of that revision only: a later edit is
/// a new revision and needs a review of its own. The production version at the time is kept for the staleness rule.
/// </summary>
public sealed class ModelCardReview : IAuditedEntity
{
    public int Id { get; private set; }
    public int ModelId { get; private set; }
    public string ModelKey { get; private set; } = "";
    public int RevisionNumber { get; private set; }
    public string ReviewerSubject { get; private set; } = "";
    public string ReviewerName { get; private set; } = "";
    public DateTime ReviewedAt { get; private set; }
    public string? Note { get; private set; }
    public int? ProductionVersionId { get; private set; }

    public string AuditEntityType => "ModelCardReview";
    public string AuditEntityId => $"{ModelKey}@r{RevisionNumber}";
    public string? AuditModelKey => ModelKey;
    public string? PendingAuditAction { get; private set; }

    /// <summary>Why <paramref name="reviewerSubject"/> may not review this card, or null. Separation of duties, as for signing.</summary>
    public static string? Problem(string reviewerSubject, IReadOnlySet<string> owners, ModelCardRevision revision, bool alreadyReviewed)
    {
        if (owners.Contains(reviewerSubject))
        {
            return $"You own {revision.ModelKey}: an owner cannot review their own model's card (separation of duties); another Compliance reviewer must.";
        }
        if (reviewerSubject == revision.AuthorSubject)
        {
            return $"You wrote revision {revision.Number} of this card; another Compliance reviewer must review it.";
        }
        return alreadyReviewed ? $"Revision {revision.Number} of {revision.ModelKey}'s card is already reviewed." : null;
    }

    public static ModelCardReview Create(ModelCardRevision revision, string reviewerSubject, string reviewerName, string? note, int? productionVersionId,
        DateTime now) => new()
    {
        ModelId = revision.ModelId,
        ModelKey = revision.ModelKey,
        RevisionNumber = revision.Number,
        ReviewerSubject = reviewerSubject,
        ReviewerName = reviewerName,
        ReviewedAt = now,
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
        ProductionVersionId = productionVersionId,
        PendingAuditAction = "ModelCard.Reviewed",
    };

    public void ClearPendingAuditAction() => PendingAuditAction = null;
}
