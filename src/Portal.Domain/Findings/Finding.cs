using Portal.Domain.Audit;

namespace Portal.Domain.Findings;

/// <summary>
/// A reviewer's finding on a model, tracked to closure: raised with a severity, a remediation owner and a due date;
/// remediated by that owner with evidence; closed by a reviewer or reopened with a reason. Never deleted; every change is
/// audited with its values before and after.
/// </summary>
public sealed class Finding : IAuditedEntity
{
    /// <summary>Chosen here rather than by the database, so that the audit event of the raising names the finding.</summary>
    public Guid Id { get; private set; }

    public int ModelId { get; private set; }
    public string ModelKey { get; private set; } = "";
    public string Title { get; private set; } = "";
    public FindingSeverity Severity { get; private set; }
    public string Description { get; private set; } = "";
    public string RemediationOwner { get; private set; } = "";
    public string RemediationOwnerName { get; private set; } = "";
    public DateOnly DueDate { get; private set; }
    public FindingStatus Status { get; private set; }
    public string RaisedBy { get; private set; } = "";
    public string RaisedByName { get; private set; } = "";
    public DateTime RaisedAt { get; private set; }
    public string? RemediationNote { get; private set; }
    public List<EvidenceReference> Evidence { get; private set; } = [];
    public string? RemediatedBy { get; private set; }
    public string? RemediatedByName { get; private set; }
    public DateTime? RemediatedAt { get; private set; }
    public string? ClosedBy { get; private set; }
    public string? ClosedByName { get; private set; }
    public DateTime? ClosedAt { get; private set; }
    public string? ClosingNote { get; private set; }
    public string? ReopenedByName { get; private set; }
    public DateTime? ReopenedAt { get; private set; }
    public string? ReopenReason { get; private set; }
    public int Revision { get; private set; } = 1;

    public bool IsClosed => Status == FindingStatus.Closed;

    /// <summary>Waiting for its remediation owner: open or reopened.</summary>
    public bool AwaitsRemediation => Status is FindingStatus.Open or FindingStatus.Reopened;

    public string AuditEntityType => "Finding";
    public string AuditEntityId => Id.ToString();
    public string? AuditModelKey => ModelKey;
    public string? PendingAuditAction { get; private set; }

    public static Finding Raise(int modelId, string modelKey, FindingDetails details, string ownerName, string raisedBy, string raisedByName, DateTime now) => new()
    {
        Id = Guid.NewGuid(),
        ModelId = modelId,
        ModelKey = modelKey,
        Title = details.Title!.Trim(),
        Severity = details.Severity!.Value,
        Description = details.Description!.Trim(),
        RemediationOwner = details.RemediationOwner!.Trim(),
        RemediationOwnerName = ownerName,
        DueDate = details.DueDate!.Value,
        Status = FindingStatus.Open,
        RaisedBy = raisedBy,
        RaisedByName = raisedByName,
        RaisedAt = now,
        PendingAuditAction = FindingAuditActions.Raised,
    };

    public void Remediate(string note, IReadOnlyList<EvidenceReference> evidence, string by, string byName, DateTime now)
    {
        if (!AwaitsRemediation)
        {
            throw new InvalidOperationException($"Finding '{Title}' is {FindingRules.Describe(Status)}; only an open or reopened finding is remediated.");
        }
        RemediationNote = note.Trim();
        Evidence = [.. evidence];
        RemediatedBy = by;
        RemediatedByName = byName;
        RemediatedAt = now;
        Status = FindingStatus.Remediated;
        Changed(FindingAuditActions.Remediated);
    }

    public void Close(string note, string by, string byName, DateTime now)
    {
        if (Status != FindingStatus.Remediated)
        {
            throw new InvalidOperationException($"Finding '{Title}' is {FindingRules.Describe(Status)}; only a remediated finding is closed.");
        }
        ClosedBy = by;
        ClosedByName = byName;
        ClosedAt = now;
        ClosingNote = note.Trim();
        Status = FindingStatus.Closed;
        Changed(FindingAuditActions.Closed);
    }

    /// <summary>Sends a remediated or closed finding back to its remediation owner, with the reason.</summary>
    public void Reopen(string reason, string byName, DateTime now)
    {
        if (AwaitsRemediation)
        {
            throw new InvalidOperationException($"Finding '{Title}' is {FindingRules.Describe(Status)} already; it awaits its remediation owner.");
        }
        ReopenedByName = byName;
        ReopenedAt = now;
        ReopenReason = reason.Trim();
        ClosedBy = null;
        ClosedByName = null;
        ClosedAt = null;
        ClosingNote = null;
        Status = FindingStatus.Reopened;
        Changed(FindingAuditActions.Reopened);
    }

    /// <summary>Hands a finding that still awaits remediation to another person; the audit event keeps who held it before.</summary>
    public void Reassign(string owner, string ownerName)
    {
        if (!AwaitsRemediation)
        {
            throw new InvalidOperationException($"Finding '{Title}' is {FindingRules.Describe(Status)}; only an open or reopened finding changes hands.");
        }
        RemediationOwner = owner;
        RemediationOwnerName = ownerName;
        Changed(FindingAuditActions.Reassigned);
    }

    public void ClearPendingAuditAction() => PendingAuditAction = null;

    private void Changed(string action)
    {
        Revision++;
        PendingAuditAction = action;
    }
}

/// <summary>What a reviewer types when raising a finding; every field is required.</summary>
public sealed record FindingDetails(string? Title, FindingSeverity? Severity, string? Description, string? RemediationOwner, DateOnly? DueDate);

/// <summary>The audit actions of a finding's life.</summary>
public static class FindingAuditActions
{
    public const string Raised = "Finding.Raised";
    public const string Remediated = "Finding.Remediated";
    public const string Closed = "Finding.Closed";
    public const string Reopened = "Finding.Reopened";
    public const string Reassigned = "Finding.Reassigned";
}
