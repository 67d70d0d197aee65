using Portal.Domain.Findings;
using Portal.Web.Features.Shared.Evidence;

namespace Portal.Web.Features.Findings;

/// <summary>
/// A finding as the pages, the API and the evidence package show it: plain values only, so that it serializes as it is.
/// <see cref="Overdue"/> is judged at the moment of reading.
/// </summary>
public sealed record FindingView
{
    public required Guid Id { get; init; }
    public required string ModelKey { get; init; }
    public required string Team { get; init; }
    public required string Title { get; init; }
    public required FindingSeverity Severity { get; init; }
    public required FindingStatus Status { get; init; }
    public required string Description { get; init; }
    public required string RemediationOwner { get; init; }
    public required string RemediationOwnerName { get; init; }
    public required DateOnly DueDate { get; init; }
    public required bool Overdue { get; init; }
    public required string RaisedBy { get; init; }
    public required string RaisedByName { get; init; }
    public required DateTime RaisedAt { get; init; }
    public string? RemediationNote { get; init; }
    public required IReadOnlyList<EvidenceReference> Evidence { get; init; }
    public string? RemediatedByName { get; init; }
    public DateTime? RemediatedAt { get; init; }
    public string? ClosedByName { get; init; }
    public DateTime? ClosedAt { get; init; }
    public string? ClosingNote { get; init; }
    public string? ReopenedByName { get; init; }
    public DateTime? ReopenedAt { get; init; }
    public string? ReopenReason { get; init; }
    public required int Revision { get; init; }
    public required string Link { get; init; }

    public static FindingView From(Finding f, string team, DateOnly today) => new()
    {
        Id = f.Id,
        ModelKey = f.ModelKey,
        Team = team,
        Title = f.Title,
        Severity = f.Severity,
        Status = f.Status,
        Description = f.Description,
        RemediationOwner = f.RemediationOwner,
        RemediationOwnerName = f.RemediationOwnerName,
        DueDate = f.DueDate,
        Overdue = FindingRules.IsOverdue(f, today),
        RaisedBy = f.RaisedBy,
        RaisedByName = f.RaisedByName,
        RaisedAt = f.RaisedAt,
        RemediationNote = f.RemediationNote,
        Evidence = f.Evidence,
        RemediatedByName = f.RemediatedByName,
        RemediatedAt = f.RemediatedAt,
        ClosedByName = f.ClosedByName,
        ClosedAt = f.ClosedAt,
        ClosingNote = f.ClosingNote,
        ReopenedByName = f.ReopenedByName,
        ReopenedAt = f.ReopenedAt,
        ReopenReason = f.ReopenReason,
        Revision = f.Revision,
        Link = FindingLinks.Page(f.Id),
    };
}

/// <summary>Which findings to list; every filter is optional.</summary>
public sealed record FindingQuery(FindingStatus? Status = null, FindingSeverity? Severity = null, string? ModelKey = null, string? Team = null,
    int? Page = null, int? PageSize = null);

/// <summary>What the signed-in person may do on a finding (the services' rule, for showing buttons only).</summary>
public sealed record FindingRights(bool Remediate, bool Close, bool Reopen, bool Reassign = false);

public sealed record RaiseFindingRequest(string? Title, string? Severity, string? Description, string? RemediationOwner, DateOnly? DueDate);

public sealed record RemediateFindingRequest(string? Note, IReadOnlyList<EvidenceRequest>? Evidence, int? Revision);

public sealed record CloseFindingRequest(string? Note, int? Revision);

public sealed record ReopenFindingRequest(string? Reason, int? Revision);

public sealed record ReassignFindingRequest(string? RemediationOwner, int? Revision);

/// <summary>Where people find a finding.</summary>
public static class FindingLinks
{
    public static string Page(Guid id) => $"/findings/{id}";
}
