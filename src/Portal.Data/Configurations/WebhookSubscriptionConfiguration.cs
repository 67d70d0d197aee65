using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain;
using Portal.Domain.Webhooks;

namespace Portal.Data.Configurations;

public sealed class WebhookSubscriptionConfiguration : IEntityTypeConfiguration<WebhookSubscription>
{
    public void Configure(EntityTypeBuilder<WebhookSubscription> builder)
    {
        builder.ToTable("WebhookSubscriptions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Url).HasMaxLength(WebhookSubscription.UrlMaxLength).IsRequired();
        builder.Property(s => s.Description).HasMaxLength(WebhookSubscription.DescriptionMaxLength).IsRequired();
        // A JSON list of at most WebhookSubscriptionService.MaxEventTypes short names, so small though unbounded.
        builder.Property(s => s.EventTypes);
        builder.Property(s => s.TeamFilter).HasMaxLength(FieldLengths.Identity);
        builder.Property(s => s.RiskTierFilter).HasConversion<string>().HasMaxLength(FieldLengths.EnumName);
        // A Data Protection payload of a 32-character secret: a few hundred characters.
        builder.Property(s => s.ProtectedSecret).HasMaxLength(1000).IsUnicode(false).IsRequired();
        builder.Property(s => s.CreatedBy).HasMaxLength(FieldLengths.Identity).IsRequired();
        builder.Property(s => s.Revision).IsConcurrencyToken();
        builder.Ignore(s => s.PendingAuditAction);
    }
}
