using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Directory;
using Portal.Domain;

namespace Portal.Data.Configurations;

public sealed class UserAccountConfiguration : IEntityTypeConfiguration<UserAccount>
{
    public void Configure(EntityTypeBuilder<UserAccount> builder)
    {
        builder.ToTable("Users");
        builder.HasKey(u => u.Id);
        builder.Property(u => u.Subject).HasMaxLength(FieldLengths.Identity).IsRequired();
        builder.HasIndex(u => u.Subject).IsUnique();
        builder.Property(u => u.Name).HasMaxLength(DirectoryProfile.MaxLength).IsRequired();
        builder.Property(u => u.Email).HasMaxLength(DirectoryProfile.EmailMaxLength);
        builder.Property(u => u.Roles).HasMaxLength(FieldLengths.Identity).IsRequired();
        builder.Property(u => u.Revision).IsConcurrencyToken();
        builder.Property(u => u.UserName).HasMaxLength(DirectoryProfile.MaxLength);
        builder.Property(u => u.UserNameKey).HasMaxLength(DirectoryProfile.MaxLength);
        // The provider's user names are unique ignoring case; accounts that only signed in have none.
        builder.HasIndex(u => u.UserNameKey).IsUnique().HasFilter("\"UserNameKey\" IS NOT NULL");
        builder.Property(u => u.ExternalId).HasMaxLength(DirectoryProfile.MaxLength);
        builder.HasIndex(u => u.ExternalId);
        builder.Property(u => u.GivenName).HasMaxLength(DirectoryProfile.MaxLength);
        builder.Property(u => u.FamilyName).HasMaxLength(DirectoryProfile.MaxLength);
        builder.Property(u => u.DeactivationReason).HasMaxLength(UserAccount.DeactivationReasonMaxLength);
        builder.Ignore(u => u.PendingAuditAction);
    }
}
