using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Releases;
using Portal.Domain;

namespace Portal.Data.Configurations;

public sealed class ApprovalPolicyConfiguration : IEntityTypeConfiguration<ApprovalPolicy>
{
    public void Configure(EntityTypeBuilder<ApprovalPolicy> builder)
    {
        builder.ToTable("ApprovalPolicies");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.RiskTier).HasConversion<string>().HasMaxLength(FieldLengths.EnumName);
        builder.HasIndex(p => p.RiskTier).IsUnique();
        builder.Property(p => p.ChangedBy).HasMaxLength(FieldLengths.Identity).IsRequired();
        builder.Property(p => p.Revision).IsConcurrencyToken();
        builder.Ignore(p => p.Rules);
        builder.Ignore(p => p.PendingAuditAction);
    }
}
