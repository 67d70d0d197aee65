using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain;
using Portal.Domain.Webhooks;

namespace Portal.Data.Configurations;

public sealed class WebhookOutboxEventConfiguration : IEntityTypeConfiguration<WebhookOutboxEvent>
{
    public void Configure(EntityTypeBuilder<WebhookOutboxEvent> builder)
    {
        builder.ToTable("WebhookOutbox");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.MessageId).HasMaxLength(40).IsUnicode(false).IsRequired();
        builder.HasIndex(e => e.MessageId).IsUnique();
        builder.Property(e => e.Type).HasMaxLength(64).IsUnicode(false).IsRequired();
        builder.Property(e => e.EntityType).HasMaxLength(100).IsRequired();
        builder.Property(e => e.EntityId).HasMaxLength(FieldLengths.Identity).IsRequired();
        builder.Property(e => e.ModelKey).HasMaxLength(Portal.Domain.Inventory.ModelRules.KeyMaxLength);
        builder.Property(e => e.ActorName).HasMaxLength(FieldLengths.Identity).IsRequired();
        // The dispatcher's question: what has not been fanned out yet, oldest first.
        builder.HasIndex(e => new { e.DispatchedAt, e.Id });
        builder.HasIndex(e => e.DispatchClaim);
    }
}
