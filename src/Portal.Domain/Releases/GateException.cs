using Portal.Domain.Audit;

namespace Portal.Domain.Releases;

/// <summary>
/// A ComplianceReviewer lets one failing gate not block one release request until it expires, with a justification.
/// Audited and shown on the request; it never changes the gate's own verdict.
/// </summary>
public sealed class GateException : IAuditedEntity
{
    public const int JustificationMaxLength = 2000;

    /// <summary>Exceptions are time-limited: at most this long.</summary>
    public static readonly TimeSpan LongestValidity = TimeSpan.FromDays(180);

    public int Id { get; private set; }
    public int RequestId { get; private set; }
    public string ModelKey { get; private set; } = "";
    public string Gate { get; private set; } = "";
    public string Justification { get; private set; } = "";
    public string RecordedBy { get; private set; } = "";
    public string RecordedByName { get; private set; } = "";
    public DateTime RecordedAt { get; private set; }
    public DateTime ExpiresAt { get; private set; }

    public string AuditEntityType => "GateException";
    public string AuditEntityId => $"release-{RequestId}:{Gate}";
    public string? AuditModelKey => ModelKey;
    public string? PendingAuditAction { get; private set; }

    public bool IsValidAt(DateTime now) => now < ExpiresAt;

    public static GateException Record(ReleaseRequest request, string gate, string justification, string recordedBy, string recordedByName,
        DateTime now, DateTime expiresAt) => new()
        {
            RequestId = request.Id,
            ModelKey = request.ModelKey,
            Gate = gate,
            Justification = justification.Trim(),
            RecordedBy = recordedBy,
            RecordedByName = recordedByName,
            RecordedAt = now,
            ExpiresAt = expiresAt,
            PendingAuditAction = "Release.GateExceptionRecorded",
        };

    public void ClearPendingAuditAction() => PendingAuditAction = null;
}
