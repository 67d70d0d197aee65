namespace Portal.Domain.Audit;

/// <summary>An entity whose every change the audit interceptor records, with values before and after.</summary>
public interface IAuditedEntity
{
    string AuditEntityType { get; }

    string AuditEntityId { get; }

    /// <summary>The model this change belongs to, so a model's page can show its slice of the trail.</summary>
    string? AuditModelKey { get; }

    /// <summary>A domain name for the change (such as "Model.Retired") set by the entity's own methods; null means Created/Updated.</summary>
    string? PendingAuditAction { get; }

    void ClearPendingAuditAction();
}
