using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain;
using Portal.Domain.Audits;

namespace Portal.Data.Configurations;

public sealed class AuditRequestConfiguration : IEntityTypeConfiguration<AuditRequest>
{
    public void Configure(EntityTypeBuilder<AuditRequest> builder)
    {
        builder.ToTable("AuditRequests");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Title).HasMaxLength(AuditRules.TitleMaxLength).IsRequired();
        builder.Property(r => r.Priority).HasConversion<string>().HasMaxLength(FieldLengths.EnumName);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(FieldLengths.EnumName);
        // The keys in scope, as a JSON array; lists filter by the items' model key, which is indexed.
        builder.PrimitiveCollection(r => r.ModelKeys).IsRequired();
        builder.Property(r => r.RequestedBy).HasMaxLength(FieldLengths.Identity).IsRequired();
        builder.Property(r => r.RequestedByName).HasMaxLength(FieldLengths.Identity).IsRequired();
        builder.Property(r => r.Revision).IsConcurrencyToken();
        builder.HasIndex(r => new { r.Status, r.DueAt });
        builder.HasIndex(r => new { r.RequestedBy, r.RequestedAt });
        builder.Ignore(r => r.PendingAuditAction);
    }
}
