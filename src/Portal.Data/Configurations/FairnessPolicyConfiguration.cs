using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Fairness;
using Portal.Domain;

namespace Portal.Data.Configurations;

public sealed class FairnessPolicyConfiguration : IEntityTypeConfiguration<FairnessPolicy>
{
    public void Configure(EntityTypeBuilder<FairnessPolicy> builder)
    {
        builder.ToTable("FairnessPolicies");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.RiskTier).HasConversion<string>().HasMaxLength(FieldLengths.EnumName);
        // One row per version: a second save of the same next version loses here rather than overwriting.
        builder.HasIndex(p => new { p.RiskTier, p.Version }).IsUnique();
        builder.Property(p => p.ChangedBy).HasMaxLength(FieldLengths.Identity).IsRequired();
        builder.Property(p => p.Reason).HasMaxLength(FairnessPolicy.ReasonMaxLength);
        builder.Ignore(p => p.PendingAuditAction);
        builder.Ignore(p => p.Thresholds);
        builder.Ignore(p => p.IsBuiltIn);
    }
}
