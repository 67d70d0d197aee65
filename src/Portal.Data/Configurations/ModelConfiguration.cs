using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Inventory;
using Portal.Domain;

namespace Portal.Data.Configurations;

public sealed class ModelConfiguration : IEntityTypeConfiguration<Model>
{
    /// <summary>Shadow column: the risk tier's rank (Low 0, Medium 1, High 2).</summary>
    public const string RiskTierRank = nameof(RiskTierRank);

    /// <summary>Shadow column: the lifecycle status's rank (Development 0 … Retired 3).</summary>
    public const string StatusRank = nameof(StatusRank);

    /// <summary>The trigger that keeps ModelTags in step with Models.Tags; EF Core must know of it to write Models on SQL Server.</summary>
    public const string TagsTrigger = "TR_Models_Tags";

    public void Configure(EntityTypeBuilder<Model> builder)
    {
        builder.ToTable("Models", table => table.HasTrigger(TagsTrigger));
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Key).HasMaxLength(ModelRules.KeyMaxLength).IsRequired();
        builder.Property(m => m.KeyNormalized).HasMaxLength(ModelRules.KeyMaxLength).IsRequired();
        builder.HasIndex(m => m.KeyNormalized).IsUnique();
        builder.Property(m => m.Name).HasMaxLength(ModelRules.NameMaxLength).IsRequired();
        builder.HasIndex(m => m.Name);
        builder.Property(m => m.Description).HasMaxLength(ModelRules.DescriptionMaxLength);
        builder.Property(m => m.Team).HasMaxLength(ModelRules.TeamMaxLength).IsRequired();
        builder.HasIndex(m => m.Team);
        builder.Property(m => m.RiskTier).HasConversion<string>().HasMaxLength(FieldLengths.EnumName);
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(FieldLengths.EnumName);
        builder.HasIndex(m => new { m.Status, m.RiskTier });
        builder.HasIndex(m => m.UpdatedAt);
        // Enums are stored by name; these computed ranks give the inventory an index in the domain's order to sort by.
        builder.Property<int>(RiskTierRank).HasComputedColumnSql("CASE \"RiskTier\" WHEN 'High' THEN 2 WHEN 'Medium' THEN 1 ELSE 0 END", stored: false);
        builder.HasIndex(RiskTierRank);
        builder.Property<int>(StatusRank).HasComputedColumnSql(
            "CASE \"Status\" WHEN 'Retired' THEN 3 WHEN 'Production' THEN 2 WHEN 'Validation' THEN 1 ELSE 0 END", stored: false);
        builder.HasIndex(StatusRank);
        builder.Property(m => m.Tags);
        builder.Property(m => m.RegisteredBy).HasMaxLength(FieldLengths.Identity);
        builder.Property(m => m.RetirementReason).HasMaxLength(ModelRules.RetirementReasonMaxLength);
        builder.Property(m => m.ClassificationReason).HasMaxLength(ModelRules.ClassificationReasonMaxLength);
        builder.Property(m => m.Revision).IsConcurrencyToken();
        builder.Ignore(m => m.PendingAuditAction);
    }
}
