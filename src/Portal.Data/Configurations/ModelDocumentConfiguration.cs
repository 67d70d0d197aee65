using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain;
using Portal.Domain.Documents;
using Portal.Domain.Inventory;
using Portal.Domain.Versions;

namespace Portal.Data.Configurations;

public sealed class ModelDocumentConfiguration : IEntityTypeConfiguration<ModelDocument>
{
    public void Configure(EntityTypeBuilder<ModelDocument> builder)
    {
        builder.ToTable("ModelDocuments");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.HasOne<Model>().WithMany().HasForeignKey(d => d.ModelId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ModelVersion>().WithMany().HasForeignKey(d => d.VersionId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(d => d.ModelKey).HasMaxLength(ModelRules.KeyMaxLength).IsRequired();
        builder.Property(d => d.VersionLabel).HasMaxLength(VersionRules.LabelMaxLength);
        builder.Property(d => d.Kind).HasConversion<string>().HasMaxLength(FieldLengths.EnumName);
        builder.Property(d => d.Title).HasMaxLength(DocumentRules.TitleMaxLength).IsRequired();
        builder.Property(d => d.Description).HasMaxLength(DocumentRules.DescriptionMaxLength);
        builder.Property(d => d.FileName).HasMaxLength(DocumentRules.FileNameMaxLength).IsRequired();
        builder.Property(d => d.FileType).HasConversion<string>().HasMaxLength(FieldLengths.EnumName);
        builder.Property(d => d.Sha256).HasMaxLength(FieldLengths.Sha256Hex).IsRequired();
        builder.Property(d => d.StorageKey).HasMaxLength(DocumentRules.StorageKeyMaxLength).IsRequired();
        builder.Property(d => d.UploadedBy).HasMaxLength(FieldLengths.Identity).IsRequired();
        builder.Property(d => d.UploadedByName).HasMaxLength(FieldLengths.Identity).IsRequired();
        builder.Property(d => d.UpdatedByName).HasMaxLength(FieldLengths.Identity);
        builder.Property(d => d.WithdrawnByName).HasMaxLength(FieldLengths.Identity);
        builder.Property(d => d.WithdrawalReason).HasMaxLength(DocumentRules.WithdrawalReasonMaxLength);
        builder.Property(d => d.Revision).IsConcurrencyToken();
        builder.HasIndex(d => new { d.ModelId, d.UploadedAt });
        builder.HasIndex(d => new { d.VersionId, d.UploadedAt });
        builder.Ignore(d => d.IsWithdrawn);
        builder.Ignore(d => d.PendingAuditAction);
    }
}
