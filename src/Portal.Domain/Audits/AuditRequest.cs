using Portal.Domain.Audit;

namespace Portal.Domain.Audits;

public enum AuditPriority
{
    Low,
    Normal,
    High,
    Urgent,
}

public enum AuditRequestStatus
{
    Open,
    Closed,
}

/// <summary>
/// A question set from an Auditor or Compliance reviewer about one or more models: a title, the models and an optional time
/// range in scope, a due date and a priority. Its questions are <see cref="AuditItem"/>s; it closes when every item is accepted.
/// </summary>
public sealed class AuditRequest : IAuditedEntity
{
    public Guid Id { get; private set; }
    public string Title { get; private set; } = "";
    public AuditPriority Priority { get; private set; }
    public DateTime DueAt { get; private set; }

    /// <summary>The keys of the models in scope, in the order given.</summary>
    public List<string> ModelKeys { get; private set; } = [];

    /// <summary>The period the questions are about, when the requester limited it (UTC, from inclusive, to exclusive).</summary>
    public DateTime? ScopeFrom { get; private set; }
    public DateTime? ScopeTo { get; private set; }

    public string RequestedBy { get; private set; } = "";
    public string RequestedByName { get; private set; } = "";
    public DateTime RequestedAt { get; private set; }
    public AuditRequestStatus Status { get; private set; }
    public DateTime? ClosedAt { get; private set; }
    public int Revision { get; private set; } = 1;

    public string AuditEntityType => "AuditRequest";
    public string AuditEntityId => Id.ToString();

    /// <summary>The first model in scope, so that the model's trail shows the request; every item names its own model.</summary>
    public string? AuditModelKey => ModelKeys.FirstOrDefault();

    public string? PendingAuditAction { get; private set; }

    public static AuditRequest Open(Guid id, AuditRequestDraft draft, IReadOnlyList<string> modelKeys, string requestedBy, string requestedByName, DateTime now) => new()
    {
        Id = id,
        Title = draft.Title.Trim(),
        Priority = draft.Priority,
        DueAt = draft.DueAt,
        ModelKeys = [.. modelKeys],
        ScopeFrom = draft.ScopeFrom,
        ScopeTo = draft.ScopeTo,
        RequestedBy = requestedBy,
        RequestedByName = requestedByName,
        RequestedAt = now,
        Status = AuditRequestStatus.Open,
        PendingAuditAction = "AuditRequest.Opened",
    };

    public bool IsOverdueAt(DateTime now) => Status == AuditRequestStatus.Open && DueAt <= now;

    /// <summary>Closes the request once every item is accepted; does nothing otherwise.</summary>
    public void CloseIfDone(IEnumerable<AuditItem> items, DateTime now)
    {
        if (Status == AuditRequestStatus.Open && items.All(i => i.Status == AuditItemStatus.Accepted))
        {
            Status = AuditRequestStatus.Closed;
            ClosedAt = now;
            Revision++;
            PendingAuditAction = "AuditRequest.Closed";
        }
    }

    public void ClearPendingAuditAction() => PendingAuditAction = null;
}

/// <summary>What an Auditor or Compliance reviewer asks for when opening a request; <see cref="AuditRules.Validate"/> checks it.</summary>
public sealed record AuditRequestDraft(
    string Title,
    IReadOnlyList<string> ModelKeys,
    IReadOnlyList<string> Questions,
    DateTime DueAt,
    AuditPriority Priority,
    DateTime? ScopeFrom = null,
    DateTime? ScopeTo = null);
