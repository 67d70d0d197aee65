using Portal.Domain.Audit;

namespace Portal.Domain.Ownership;

/// <summary>
/// One person holding one owner role on one model for a period. Never deleted: ending an assignment
/// keeps it as history (who, role, from, to, assigned by, reason).
/// </summary>
public sealed class OwnershipAssignment : IAuditedEntity
{
    public int Id { get; private set; }
    public int ModelId { get; private set; }
    public string ModelKey { get; private set; } = "";
    public string OwnerSubject { get; private set; } = "";
    public string OwnerName { get; private set; } = "";
    public OwnerRole Role { get; private set; }
    public DateTime AssignedAt { get; private set; }
    public string AssignedBy { get; private set; } = "";
    public string Reason { get; private set; } = "";
    public DateTime? AcknowledgedAt { get; private set; }
    public DateTime? EndedAt { get; private set; }
    public string? EndedBy { get; private set; }
    public string? EndReason { get; private set; }
    public int Revision { get; private set; } = 1;

    public bool IsActive => EndedAt is null;

    public string AuditEntityType => "Ownership";
    public string AuditEntityId => $"{ModelKey}:{Role}:{OwnerSubject}";
    public string? AuditModelKey => ModelKey;
    public string? PendingAuditAction { get; private set; }

    public static OwnershipAssignment Assign(int modelId, string modelKey, string ownerSubject, string ownerName, OwnerRole role,
        string assignedBy, string reason, DateTime now) => new()
        {
            ModelId = modelId,
            ModelKey = modelKey,
            OwnerSubject = ownerSubject,
            OwnerName = ownerName,
            Role = role,
            AssignedBy = assignedBy,
            Reason = reason.Trim(),
            AssignedAt = now,
            PendingAuditAction = "Ownership.Assigned",
        };

    public void Acknowledge(DateTime now)
    {
        if (!IsActive)
        {
            throw new InvalidOperationException("This ownership has ended; there is nothing to acknowledge.");
        }
        if (AcknowledgedAt is not null)
        {
            throw new InvalidOperationException($"Ownership was already acknowledged on {AcknowledgedAt:u}.");
        }
        AcknowledgedAt = now;
        Revision++;
        PendingAuditAction = "Ownership.Acknowledged";
    }

    public void End(string endedBy, string reason, DateTime now)
    {
        if (!IsActive)
        {
            throw new InvalidOperationException($"This ownership already ended on {EndedAt:u}.");
        }
        EndedAt = now;
        EndedBy = endedBy;
        EndReason = reason.Trim();
        Revision++;
        PendingAuditAction = "Ownership.Ended";
    }

    public void ClearPendingAuditAction() => PendingAuditAction = null;
}
