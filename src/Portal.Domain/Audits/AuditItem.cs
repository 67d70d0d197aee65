using Portal.Domain.Audit;

namespace Portal.Domain.Audits;

/// <summary>Open → Answered → Accepted, or Answered → Returned (with a comment) → Answered again.</summary>
public enum AuditItemStatus
{
    Open,
    Answered,
    Returned,
    Accepted,
}

/// <summary>
/// One question of an audit request about one model, assigned to a person who answers it (the model's primary owner when
/// the request was opened, unless reassigned). The answers themselves are <see cref="AuditAnswer"/>s, one per round.
/// </summary>
public sealed class AuditItem : IAuditedEntity
{
    public Guid RequestId { get; private set; }

    /// <summary>1, 2, … within the request: the order of the questions as asked.</summary>
    public int Number { get; private set; }

    public int ModelId { get; private set; }
    public string ModelKey { get; private set; } = "";
    public string Question { get; private set; } = "";
    public string AssigneeSubject { get; private set; } = "";
    public string AssigneeName { get; private set; } = "";
    public AuditItemStatus Status { get; private set; }

    /// <summary>How many answers were given; the current answer is the one with this round.</summary>
    public int Round { get; private set; }

    /// <summary>The requester's comment when the last answer was returned; cleared by the next answer.</summary>
    public string? ReturnComment { get; private set; }

    public DateTime UpdatedAt { get; private set; }
    public int Revision { get; private set; } = 1;

    public string AuditEntityType => "AuditItem";
    public string AuditEntityId => $"{RequestId}/{Number}";
    public string? AuditModelKey => ModelKey;
    public string? PendingAuditAction { get; private set; }

    public bool AwaitsAnswer => Status is AuditItemStatus.Open or AuditItemStatus.Returned;

    public static AuditItem Ask(Guid requestId, int number, int modelId, string modelKey, string question, string assignee, string assigneeName, DateTime now) => new()
    {
        RequestId = requestId,
        Number = number,
        ModelId = modelId,
        ModelKey = modelKey,
        Question = question.Trim(),
        AssigneeSubject = assignee,
        AssigneeName = assigneeName,
        Status = AuditItemStatus.Open,
        UpdatedAt = now,
        PendingAuditAction = "AuditItem.Asked",
    };

    /// <summary>Records that the assignee answered; the answer's text and evidence are the <see cref="AuditAnswer"/> of the new round.</summary>
    public void MarkAnswered(DateTime now)
    {
        if (!AwaitsAnswer)
        {
            throw new InvalidOperationException($"Item {Number} is {Status}; only an open or returned item can be answered.");
        }
        Round++;
        ReturnComment = null;
        Change(AuditItemStatus.Answered, "AuditItem.Answered", now);
    }

    public void Accept(DateTime now)
    {
        EnsureAnswered("accepted");
        Change(AuditItemStatus.Accepted, "AuditItem.Accepted", now);
    }

    public void Return(string comment, DateTime now)
    {
        EnsureAnswered("returned");
        ReturnComment = comment.Trim();
        Change(AuditItemStatus.Returned, "AuditItem.Returned", now);
    }

    public void Reassign(string assignee, string assigneeName, DateTime now)
    {
        if (Status == AuditItemStatus.Accepted)
        {
            throw new InvalidOperationException($"Item {Number} is accepted; there is nothing left to answer.");
        }
        if (assignee == AssigneeSubject)
        {
            throw new InvalidOperationException($"{assigneeName} is already assigned item {Number}.");
        }
        AssigneeSubject = assignee;
        AssigneeName = assigneeName;
        Change(Status, "AuditItem.Reassigned", now);
    }

    public void ClearPendingAuditAction() => PendingAuditAction = null;

    private void EnsureAnswered(string verb)
    {
        if (Status != AuditItemStatus.Answered)
        {
            throw new InvalidOperationException($"Item {Number} is {Status}; only an answered item can be {verb}.");
        }
    }

    private void Change(AuditItemStatus status, string action, DateTime now)
    {
        Status = status;
        UpdatedAt = now;
        Revision++;
        PendingAuditAction = action;
    }
}
