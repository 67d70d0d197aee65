using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Directory;

namespace Portal.Data.Configurations;

public sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> builder)
    {
        builder.ToTable("UserSessions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).HasMaxLength(UserSession.IdLength).IsUnicode(false);
        builder.Property(s => s.Subject).HasMaxLength(200).IsRequired();
        builder.Property(s => s.RevokedBecause).HasMaxLength(100);
        // Deactivation revokes a person's open sessions.
        builder.HasIndex(s => new { s.Subject, s.RevokedAt });
    }
}
