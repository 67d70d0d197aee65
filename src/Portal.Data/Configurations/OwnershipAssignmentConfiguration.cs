using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Inventory;
using Portal.Domain.Ownership;

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
        builder.Property(o => o.OwnerSubject).HasMaxLength(200).IsRequired();
        builder.Property(o => o.OwnerName).HasMaxLength(200).IsRequired();
        builder.Property(o => o.Role).HasConversion<string>().HasMaxLength(16);
        builder.Property(o => o.AssignedBy).HasMaxLength(200).IsRequired();
        builder.Property(o => o.Reason).HasMaxLength(1000).IsRequired();
        builder.Property(o => o.EndedBy).HasMaxLength(200);
        builder.Property(o => o.EndReason).HasMaxLength(1000);
        builder.Property(o => o.Revision).IsConcurrencyToken();
        builder.HasIndex(o => new { o.ModelId, o.EndedAt });
        builder.HasIndex(o => new { o.OwnerSubject, o.EndedAt });
        // At most one active primary owner per model, enforced by the database as well as the domain.
        builder.HasIndex(o => o.ModelId).IsUnique().HasFilter("\"EndedAt\" IS NULL AND \"Role\" = 'Primary'").HasDatabaseName(OneActivePrimaryPerModel);
        builder.Ignore(o => o.IsActive);
        builder.Ignore(o => o.PendingAuditAction);
    }
}
