using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Notifications;
using Portal.Domain;

namespace Portal.Data.Configurations;

public sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.ToTable("Notifications");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.RecipientSubject).HasMaxLength(FieldLengths.Identity).IsRequired();
        builder.Property(n => n.Category).HasMaxLength(Notification.CategoryMax).IsRequired();
        builder.Property(n => n.Title).HasMaxLength(Notification.TitleMax).IsRequired();
        builder.Property(n => n.Body).HasMaxLength(Notification.BodyMax).IsRequired();
        builder.Property(n => n.Link).HasMaxLength(Notification.LinkMax);
        // A person's list and unread count, newest first.
        builder.HasIndex(n => new { n.RecipientSubject, n.CreatedAt });
        // The digest claims what is neither read nor e-mailed yet.
        builder.HasIndex(n => new { n.EmailedAt, n.ReadAt });
        builder.HasIndex(n => n.DigestClaim);
    }
}
