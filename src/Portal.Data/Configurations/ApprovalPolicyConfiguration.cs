using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Releases;

namespace Portal.Data.Configurations;

public sealed class ApprovalPolicyConfiguration : IEntityTypeConfiguration<ApprovalPolicy>
{
    public void Configure(EntityTypeBuilder<ApprovalPolicy> builder)
    {
        builder.ToTable("ApprovalPolicies");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.RiskTier).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(p => p.RiskTier).IsUnique();
        builder.Property(p => p.ChangedBy).HasMaxLength(200).IsRequired();
        builder.Property(p => p.Revision).IsConcurrencyToken();
        builder.Ignore(p => p.Rules);
        builder.Ignore(p => p.PendingAuditAction);
    }
}
