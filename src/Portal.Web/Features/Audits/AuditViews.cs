using Portal.Domain.Audits;
using Portal.Web.Features.Shared.Evidence;

namespace Portal.Web.Features.Audits;

/// <summary>Body of <c>POST /api/v1/audit-requests</c>: one item is asked per question and model, of the model's primary owner.</summary>
public sealed record OpenAuditRequestInput(
    string? Title,
    IReadOnlyList<string>? Models,
    IReadOnlyList<string>? Questions,
    DateTime? DueAt,
    string? Priority,
    DateTime? ScopeFrom = null,
    DateTime? ScopeTo = null);

/// <summary>Body of <c>POST .../items/{number}/answer</c>: the text, the records to link, and the item revision you read (409 when stale).</summary>
public sealed record AnswerInput(string? Text, IReadOnlyList<EvidenceRequest>? Evidence, int? Revision);

/// <summary>Body of <c>.../accept</c> (comment optional) and <c>.../return</c> (comment required).</summary>
public sealed record DecisionInput(string? Comment, int? Revision);

/// <summary>Body of <c>.../reassign</c>: the subject of the person who answers from now on.</summary>
public sealed record ReassignInput(string? Assignee, int? Revision);

/// <summary>Filter of <c>GET /api/v1/audit-requests</c> and the <c>/audits</c> page.</summary>
public sealed record AuditRequestQuery(
    AuditRequestStatus? Status = null,
    string? Model = null,
    bool OpenedByMe = false,
    int? Page = null,
    int? PageSize = null);

public sealed record AuditRequestSummary(
    Guid Id,
    string Title,
    AuditPriority Priority,
    DateTime DueAt,
    AuditRequestStatus Status,
    IReadOnlyList<string> ModelKeys,
    string RequestedByName,
    DateTime RequestedAt,
    DateTime? ClosedAt,
    int ItemCount,
    int AcceptedCount,
    bool Overdue);

/// <summary>An item waiting for the reader's answer.</summary>
public sealed record AuditItemToAnswer(Guid RequestId, string RequestTitle, int Number, string ModelKey, string Question, AuditItemStatus Status,
    DateTime DueAt, AuditPriority Priority, string? ReturnComment, bool Overdue);

/// <summary>
/// An audit request as plain, serializable records: its scope, its items, every answer and each link with the snapshot frozen
/// when it was linked. What the request page shows and what the evidence package carries.
/// </summary>
public sealed record AuditRequestRecord(
    Guid Id,
    string Title,
    AuditPriority Priority,
    DateTime DueAt,
    AuditRequestStatus Status,
    IReadOnlyList<string> ModelKeys,
    DateTime? ScopeFrom,
    DateTime? ScopeTo,
    string RequestedBy,
    string RequestedByName,
    DateTime RequestedAt,
    DateTime? ClosedAt,
    IReadOnlyList<AuditItemRecord> Items);

public sealed record AuditItemRecord(
    int Number,
    string ModelKey,
    string Question,
    string AssigneeSubject,
    string AssigneeName,
    AuditItemStatus Status,
    int Round,
    string? ReturnComment,
    DateTime UpdatedAt,
    int Revision,
    IReadOnlyList<AuditAnswerRecord> Answers);

public sealed record AuditAnswerRecord(
    int Round,
    string Text,
    string AnsweredBy,
    string AnsweredByName,
    DateTime AnsweredAt,
    AnswerDecision Decision,
    string? DecidedByName,
    DateTime? DecidedAt,
    string? DecisionComment,
    IReadOnlyList<EvidenceRecord> Evidence);

/// <summary>A link as frozen: the snapshot, who linked it, and whether its content still hashes to the SHA-256 captured with it.</summary>
public sealed record EvidenceRecord(int Position, EvidenceSnapshot Snapshot, string CapturedBy, bool Intact);

/// <summary>The audit requests that concern a model in a period, for the evidence package.</summary>
public sealed record ModelAuditRequests(string ModelKey, DateTimeOffset? From, DateTimeOffset? To, IReadOnlyList<AuditRequestRecord> Requests);

/// <summary>The request page: the record, whether it is overdue, and per item what the reader may do and who acts otherwise.</summary>
public sealed record AuditRequestDetail(AuditRequestRecord Request, bool Overdue, IReadOnlyList<AuditItemActions> Actions);

public sealed record AuditItemActions(int Number, bool CanAnswer, bool CanDecide, bool CanReassign, string WhoActs);

public sealed record AssigneeChoice(string Subject, string Name);
