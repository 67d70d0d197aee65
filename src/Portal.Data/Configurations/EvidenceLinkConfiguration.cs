using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain;
using Portal.Domain.Audits;
using Portal.Domain.Inventory;

namespace Portal.Data.Configurations;

public sealed class EvidenceLinkConfiguration : IEntityTypeConfiguration<EvidenceLink>
{
    public void Configure(EntityTypeBuilder<EvidenceLink> builder)
    {
        builder.ToTable("EvidenceLinks");
        builder.HasKey(e => new { e.RequestId, e.ItemNumber, e.Round, e.Position });
        builder.Property(e => e.Position).ValueGeneratedNever();
        builder.Property(e => e.ModelKey).HasMaxLength(ModelRules.KeyMaxLength).IsRequired();
        builder.Property(e => e.Kind).HasMaxLength(EvidenceLink.KindMaxLength).IsRequired();
        builder.Property(e => e.Reference).HasMaxLength(EvidenceLink.ReferenceMaxLength).IsRequired();
        builder.Property(e => e.Title).HasMaxLength(EvidenceLink.TitleMaxLength).IsRequired();
        builder.Property(e => e.Link).HasMaxLength(EvidenceLink.LinkMaxLength).IsRequired();
        builder.Property(e => e.ContentJson).IsRequired();
        builder.Property(e => e.Sha256).HasMaxLength(FieldLengths.Sha256Hex).IsRequired();
        builder.Property(e => e.CapturedBy).HasMaxLength(FieldLengths.Identity).IsRequired();
        builder.Ignore(e => e.PendingAuditAction);
    }
}
