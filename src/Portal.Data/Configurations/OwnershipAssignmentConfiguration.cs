using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Inventory;
using Portal.Domain.Ownership;
using Portal.Domain;

namespace Portal.Data.Configurations;

public sealed class OwnershipAssignmentConfiguration : IEntityTypeConfiguration<OwnershipAssignment>
{
    /// <summary>The filtered unique index allowing at most one active primary owner per model.</summary>
    public const string OneActivePrimaryPerModel = "IX_OwnershipAssignments_ActivePrimary";

    public void Configure(EntityTypeBuilder<OwnershipAssignment> builder)
    {
        builder.ToTable("OwnershipAssignments");
        builder.HasKey(o => o.Id);
        builder.HasOne<Model>().WithMany().HasForeignKey(o => o.ModelId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(o => o.ModelKey).HasMaxLength(ModelRules.KeyMaxLength).IsRequired();
        builder.Property(o => o.OwnerSubject).HasMaxLength(FieldLengths.Identity).IsRequired();
        builder.Property(o => o.OwnerName).HasMaxLength(FieldLengths.Identity).IsRequired();
        builder.Property(o => o.Role).HasConversion<string>().HasMaxLength(FieldLengths.EnumName);
        builder.Property(o => o.AssignedBy).HasMaxLength(FieldLengths.Identity).IsRequired();
        builder.Property(o => o.Reason).HasMaxLength(OwnershipRules.ReasonMaxLength).IsRequired();
        builder.Property(o => o.EndedBy).HasMaxLength(FieldLengths.Identity);
        builder.Property(o => o.EndReason).HasMaxLength(OwnershipRules.ReasonMaxLength);
        builder.Property(o => o.Revision).IsConcurrencyToken();
        builder.HasIndex(o => new { o.ModelId, o.EndedAt });
        builder.HasIndex(o => new { o.OwnerSubject, o.EndedAt });
        // The owners of every model at a past moment (point in time): assigned by then, not yet ended.
        builder.HasIndex(o => new { o.AssignedAt, o.EndedAt });
        // At most one active primary owner per model, enforced by the database as well as the domain.
        builder.HasIndex(o => o.ModelId).IsUnique().HasFilter("\"EndedAt\" IS NULL AND \"Role\" = 'Primary'").HasDatabaseName(OneActivePrimaryPerModel);
        builder.Ignore(o => o.IsActive);
        builder.Ignore(o => o.PendingAuditAction);
    }
}
