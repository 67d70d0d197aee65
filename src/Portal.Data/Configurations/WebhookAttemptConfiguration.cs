using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Webhooks;

namespace Portal.Data.Configurations;

public sealed class WebhookAttemptConfiguration : IEntityTypeConfiguration<WebhookAttempt>
{
    public void Configure(EntityTypeBuilder<WebhookAttempt> builder)
    {
        builder.ToTable("WebhookAttempts");
        builder.HasKey(a => a.Id);
        builder.HasOne<WebhookDelivery>().WithMany().HasForeignKey(a => a.DeliveryId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(a => a.ResponseExcerpt).HasMaxLength(WebhookAttempt.ResponseExcerptMaxLength);
        builder.Property(a => a.Error).HasMaxLength(WebhookDelivery.ErrorMaxLength);
        builder.HasIndex(a => new { a.DeliveryId, a.Number });
    }
}
