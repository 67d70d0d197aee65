using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Inventory;
using Portal.Domain.Releases;
using Portal.Domain;

namespace Portal.Data.Configurations;

public sealed class GateExceptionConfiguration : IEntityTypeConfiguration<GateException>
{
    public void Configure(EntityTypeBuilder<GateException> builder)
    {
        builder.ToTable("GateExceptions");
        builder.HasKey(e => e.Id);
        builder.HasOne<ReleaseRequest>().WithMany().HasForeignKey(e => e.RequestId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(e => e.ModelKey).HasMaxLength(ModelRules.KeyMaxLength).IsRequired();
        builder.Property(e => e.Gate).HasMaxLength(64).IsRequired();
        builder.Property(e => e.Justification).HasMaxLength(GateException.JustificationMaxLength).IsRequired();
        builder.Property(e => e.RecordedBy).HasMaxLength(FieldLengths.Identity).IsRequired();
        builder.Property(e => e.RecordedByName).HasMaxLength(FieldLengths.Identity).IsRequired();
        builder.HasIndex(e => e.RequestId);
        builder.Ignore(e => e.PendingAuditAction);
    }
}
