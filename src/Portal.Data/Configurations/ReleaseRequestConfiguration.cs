using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Inventory;
using Portal.Domain.Releases;
using Portal.Domain.Versions;
using Portal.Domain;

namespace Portal.Data.Configurations;

public sealed class ReleaseRequestConfiguration : IEntityTypeConfiguration<ReleaseRequest>
{
    public void Configure(EntityTypeBuilder<ReleaseRequest> builder)
    {
        builder.ToTable("ReleaseRequests");
        builder.HasKey(r => r.Id);
        builder.HasOne<Model>().WithMany().HasForeignKey(r => r.ModelId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ModelVersion>().WithMany().HasForeignKey(r => r.VersionId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(r => r.ModelKey).HasMaxLength(ModelRules.KeyMaxLength).IsRequired();
        builder.Property(r => r.VersionLabel).HasMaxLength(VersionRules.LabelMaxLength).IsRequired();
        builder.Property(r => r.TargetStage).HasConversion<string>().HasMaxLength(FieldLengths.EnumName);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(FieldLengths.EnumName);
        builder.Property(r => r.Summary).HasMaxLength(ReleaseRequest.SummaryMaxLength).IsRequired();
        builder.Property(r => r.RolloutPlan).HasMaxLength(ReleaseRequest.RolloutPlanMaxLength).IsRequired();
        builder.Property(r => r.RequestedBy).HasMaxLength(FieldLengths.Identity).IsRequired();
        builder.Property(r => r.RequestedByName).HasMaxLength(FieldLengths.Identity).IsRequired();
        builder.Property(r => r.ClosedBy).HasMaxLength(FieldLengths.Identity);
        builder.Property(r => r.RiskTier).HasConversion<string>().HasMaxLength(FieldLengths.EnumName);
        builder.Ignore(r => r.Frozen);
        builder.Property(r => r.WithdrawalReason).HasMaxLength(ReleaseRules.ReasonMaxLength);
        builder.Property(r => r.Revision).IsConcurrencyToken();
        builder.HasMany(r => r.Signatures).WithOne().HasForeignKey(s => s.RequestId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.ModelId, r.Status });
        builder.HasIndex(r => new { r.VersionId, r.TargetStage, r.Status });
        // The approvals made by a past moment (point in time).
        builder.HasIndex(r => r.ApprovedAt);
        builder.Ignore(r => r.PendingAuditAction);
    }
}
