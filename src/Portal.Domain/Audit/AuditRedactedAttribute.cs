namespace Portal.Domain.Audit;

/// <summary>Marks a property whose value must never be written into the audit trail.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class AuditRedactedAttribute : Attribute;
