using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Directory;

namespace Portal.Data.Configurations;

public sealed class UserAccountConfiguration : IEntityTypeConfiguration<UserAccount>
{
    public void Configure(EntityTypeBuilder<UserAccount> builder)
    {
        builder.ToTable("Users");
        builder.HasKey(u => u.Id);
        builder.Property(u => u.Subject).HasMaxLength(200).IsRequired();
        builder.HasIndex(u => u.Subject).IsUnique();
        builder.Property(u => u.Name).HasMaxLength(200).IsRequired();
        builder.Property(u => u.Email).HasMaxLength(320);
        builder.Property(u => u.Roles).HasMaxLength(200).IsRequired();
        builder.Property(u => u.Revision).IsConcurrencyToken();
        builder.Ignore(u => u.PendingAuditAction);
    }
}
