using Portal.Domain.Audit;

namespace Portal.Domain.Audits;

public enum AnswerDecision
{
    Pending,
    Accepted,
    Returned,
}

/// <summary>
/// One answer to an audit item (one per round): the assignee's text, its frozen evidence (<see cref="EvidenceLink"/>s), and the
/// requester's decision on it with their comment. Answers are kept, so a returned answer stays readable next to the next one.
/// </summary>
public sealed class AuditAnswer : IAuditedEntity
{
    public Guid RequestId { get; private set; }
    public int ItemNumber { get; private set; }
    public string ModelKey { get; private set; } = "";
    public int Round { get; private set; }
    public string Text { get; private set; } = "";
    public string AnsweredBy { get; private set; } = "";
    public string AnsweredByName { get; private set; } = "";
    public DateTime AnsweredAt { get; private set; }
    public AnswerDecision Decision { get; private set; }
    public string? DecidedByName { get; private set; }
    public DateTime? DecidedAt { get; private set; }
    public string? DecisionComment { get; private set; }
    public List<EvidenceLink> Evidence { get; private set; } = [];

    public string AuditEntityType => "AuditAnswer";
    public string AuditEntityId => $"{RequestId}/{ItemNumber}#{Round}";
    public string? AuditModelKey => ModelKey;
    public string? PendingAuditAction { get; private set; }

    /// <summary>The answer of the item's current round (<see cref="AuditItem.MarkAnswered"/> first), its evidence frozen in the order given.</summary>
    public static AuditAnswer Give(AuditItem item, string text, IReadOnlyList<EvidenceSnapshot> evidence, string by, string byName, DateTime now) => new()
    {
        RequestId = item.RequestId,
        ItemNumber = item.Number,
        ModelKey = item.ModelKey,
        Round = item.Round,
        Text = text.Trim(),
        AnsweredBy = by,
        AnsweredByName = byName,
        AnsweredAt = now,
        Decision = AnswerDecision.Pending,
        Evidence = [.. evidence.Select((snapshot, index) => EvidenceLink.Freeze(item, item.Round, index + 1, snapshot, by))],
        PendingAuditAction = "AuditAnswer.Given",
    };

    public void Decide(AnswerDecision decision, string byName, string? comment, DateTime now)
    {
        Decision = decision;
        DecidedByName = byName;
        DecidedAt = now;
        DecisionComment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        PendingAuditAction = decision == AnswerDecision.Accepted ? "AuditAnswer.Accepted" : "AuditAnswer.Returned";
    }

    public void ClearPendingAuditAction() => PendingAuditAction = null;
}
