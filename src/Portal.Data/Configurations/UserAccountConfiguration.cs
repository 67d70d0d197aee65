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
        builder.Property(u => u.UserName).HasMaxLength(200);
        builder.Property(u => u.UserNameKey).HasMaxLength(200);
        // The provider's user names are unique ignoring case; accounts that only signed in have none.
        builder.HasIndex(u => u.UserNameKey).IsUnique().HasFilter("\"UserNameKey\" IS NOT NULL");
        builder.Property(u => u.ExternalId).HasMaxLength(200);
        builder.HasIndex(u => u.ExternalId);
        builder.Property(u => u.GivenName).HasMaxLength(200);
        builder.Property(u => u.FamilyName).HasMaxLength(200);
        builder.Property(u => u.DeactivationReason).HasMaxLength(500);
        builder.Ignore(u => u.PendingAuditAction);
    }
}
