using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Tokens;
using Portal.Domain;

namespace Portal.Data.Configurations;

public sealed class ServiceTokenConfiguration : IEntityTypeConfiguration<ServiceToken>
{
    public void Configure(EntityTypeBuilder<ServiceToken> builder)
    {
        builder.ToTable("ServiceTokens");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Name).HasMaxLength(ServiceToken.NameMaxLength).IsRequired();
        builder.HasIndex(t => t.Name).IsUnique();
        builder.Property(t => t.Role).HasMaxLength(32).IsRequired();
        builder.Property(t => t.Teams);
        builder.Property(t => t.TokenHash).HasMaxLength(FieldLengths.Sha256Hex).IsUnicode(false).IsRequired();
        builder.HasIndex(t => t.TokenHash).IsUnique();
        builder.Property(t => t.Prefix).HasMaxLength(16).IsRequired();
        builder.Property(t => t.CreatedBy).HasMaxLength(FieldLengths.Identity).IsRequired();
        builder.Property(t => t.RevokedBy).HasMaxLength(FieldLengths.Identity);
        builder.Property(t => t.Revision).IsConcurrencyToken();
        builder.Ignore(t => t.PendingAuditAction);
    }
}
