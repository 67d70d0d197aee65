namespace Portal.Domain.ModelCards;

/// <summary>
/// What the inventory searches and filters by in a model's card, one row per model with a card: the latest revision's
/// text, whether that revision is complete for the template of the model's tier, and whether it is reviewed. Kept by the
/// card service on every save, review, template change and classification change; derived, so not audited itself.
/// </summary>
public sealed class ModelCardState
{
    public int ModelId { get; private set; }
    public int RevisionNumber { get; private set; }
    public string SearchText { get; private set; } = "";
    public bool Complete { get; private set; }
    public bool Reviewed { get; private set; }

    public static ModelCardState Of(ModelCardRevision revision, bool complete) => new()
    {
        ModelId = revision.ModelId,
        RevisionNumber = revision.Number,
        SearchText = revision.SearchText,
        Complete = complete,
    };

    /// <summary>A new latest revision: its text replaces the old one's, and it is not reviewed yet.</summary>
    public void Revised(ModelCardRevision revision, bool complete)
    {
        RevisionNumber = revision.Number;
        SearchText = revision.SearchText;
        Complete = complete;
        Reviewed = false;
    }

    /// <summary>A review counts only for the revision it is of.</summary>
    public void ReviewedRevision(int revisionNumber) => Reviewed = Reviewed || revisionNumber == RevisionNumber;

    public void Judged(bool complete) => Complete = complete;
}
