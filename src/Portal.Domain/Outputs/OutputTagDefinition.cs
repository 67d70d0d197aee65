using Portal.Domain.Audit;

namespace Portal.Domain.Outputs;

/// <summary>A custom column tag an Admin defined, beyond the built-in <see cref="OutputTags.BuiltIn"/>.</summary>
public sealed class OutputTagDefinition : IAuditedEntity
{
    public const int DescriptionMaxLength = 500;

    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    public string? Description { get; private set; }
    public string DefinedBy { get; private set; } = "";
    public DateTime DefinedAt { get; private set; }

    public string AuditEntityType => "OutputTag";
    public string AuditEntityId => Name;
    public string? AuditModelKey => null;
    public string? PendingAuditAction { get; private set; }

    public static OutputTagDefinition Define(string name, string? description, string definedBy, DateTime now) => new()
    {
        Name = OutputTags.Normalize(name),
        Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim(),
        DefinedBy = definedBy,
        DefinedAt = now,
        PendingAuditAction = "OutputTag.Defined",
    };

    public void ClearPendingAuditAction() => PendingAuditAction = null;
}
