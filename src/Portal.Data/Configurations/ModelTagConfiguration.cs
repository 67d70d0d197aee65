using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Inventory;

namespace Portal.Data.Configurations;

public sealed class ModelTagConfiguration : IEntityTypeConfiguration<ModelTag>
{
    public void Configure(EntityTypeBuilder<ModelTag> builder)
    {
        builder.ToTable("ModelTags");
        // Tag first: the filter asks for one tag's models.
        builder.HasKey(t => new { t.Tag, t.ModelId });
        builder.Property(t => t.Tag).HasMaxLength(ModelRules.TagMaxLength);
        builder.HasOne<Model>().WithMany().HasForeignKey(t => t.ModelId).OnDelete(DeleteBehavior.Cascade);
    }
}
