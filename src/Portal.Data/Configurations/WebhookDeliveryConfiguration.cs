using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain;
using Portal.Domain.Webhooks;

namespace Portal.Data.Configurations;

public sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.ToTable("WebhookDeliveries");
        builder.HasKey(d => d.Id);
        builder.HasOne<WebhookSubscription>().WithMany().HasForeignKey(d => d.SubscriptionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<WebhookOutboxEvent>().WithMany().HasForeignKey(d => d.EventId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(d => d.MessageId).HasMaxLength(40).IsUnicode(false).IsRequired();
        builder.Property(d => d.EventType).HasMaxLength(64).IsUnicode(false).IsRequired();
        // The event's JSON: key fields and a link, never a record's free text, so a few hundred characters.
        builder.Property(d => d.Body).HasMaxLength(4000).IsRequired();
        builder.Property(d => d.Status).HasConversion<string>().HasMaxLength(FieldLengths.EnumName);
        builder.Property(d => d.LastError).HasMaxLength(WebhookDelivery.ErrorMaxLength);
        // The workers' question: what is pending and due; and a subscription's log, newest first.
        builder.HasIndex(d => new { d.Status, d.NextAttemptAt });
        builder.HasIndex(d => new { d.SubscriptionId, d.Id });
        builder.HasIndex(d => d.ClaimToken);
    }
}
