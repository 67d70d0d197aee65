using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Inventory;

namespace Portal.Data.Configurations;

public sealed class ModelConfiguration : IEntityTypeConfiguration<Model>
{
    public void Configure(EntityTypeBuilder<Model> builder)
    {
        builder.ToTable("Models");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Key).HasMaxLength(ModelRules.KeyMaxLength).IsRequired();
        builder.Property(m => m.KeyNormalized).HasMaxLength(ModelRules.KeyMaxLength).IsRequired();
        builder.HasIndex(m => m.KeyNormalized).IsUnique();
        builder.Property(m => m.Name).HasMaxLength(ModelRules.NameMaxLength).IsRequired();
        builder.HasIndex(m => m.Name);
        builder.Property(m => m.Description).HasMaxLength(ModelRules.DescriptionMaxLength);
        builder.Property(m => m.Team).HasMaxLength(ModelRules.TeamMaxLength).IsRequired();
        builder.HasIndex(m => m.Team);
        builder.Property(m => m.RiskTier).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(m => new { m.Status, m.RiskTier });
        builder.Property(m => m.Tags);
        builder.Property(m => m.RegisteredBy).HasMaxLength(200);
        builder.Property(m => m.RetirementReason).HasMaxLength(1000);
        builder.Property(m => m.Revision).IsConcurrencyToken();
        builder.Ignore(m => m.PendingAuditAction);
    }
}
