using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Inventory;
using Portal.Domain.Releases;
using Portal.Domain;

namespace Portal.Data.Configurations;

public sealed class ReleaseSignatureConfiguration : IEntityTypeConfiguration<ReleaseSignature>
{
    public void Configure(EntityTypeBuilder<ReleaseSignature> builder)
    {
        builder.ToTable("ReleaseSignatures");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.ModelKey).HasMaxLength(ModelRules.KeyMaxLength).IsRequired();
        builder.Property(s => s.SignerId).HasMaxLength(FieldLengths.Identity).IsRequired();
        builder.Property(s => s.SignerName).HasMaxLength(FieldLengths.Identity).IsRequired();
        builder.Property(s => s.Meaning).HasConversion<string>().HasMaxLength(FieldLengths.EnumName);
        builder.Property(s => s.Reason).HasMaxLength(ReleaseRules.ReasonMaxLength).IsRequired();
        builder.Property(s => s.Evidence).IsRequired();
        builder.Property(s => s.SnapshotSha256).HasMaxLength(FieldLengths.Sha256Hex).IsRequired();
        // One signature per person per request, enforced by the database as well as the rules.
        builder.HasIndex(s => new { s.RequestId, s.SignerId }).IsUnique();
        builder.Ignore(s => s.PendingAuditAction);
    }
}
