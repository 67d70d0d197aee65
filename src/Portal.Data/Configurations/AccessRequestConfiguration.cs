using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain;
using Portal.Domain.Inventory;
using Portal.Domain.Outputs;

namespace Portal.Data.Configurations;

public sealed class AccessRequestConfiguration : IEntityTypeConfiguration<AccessRequest>
{
    public void Configure(EntityTypeBuilder<AccessRequest> builder)
    {
        builder.ToTable("AccessRequests");
        builder.HasKey(r => r.Id);
        builder.HasOne<ModelOutput>().WithMany().HasForeignKey(r => r.OutputId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<OutputGrant>().WithMany().HasForeignKey(r => r.GrantId).OnDelete(DeleteBehavior.Restrict);
        // "Mine" reads by requester; "to decide" reads the pending ones; one open request per person per output is checked by both.
        builder.HasIndex(r => new { r.RequestedBy, r.OutputId, r.Status });
        builder.HasIndex(r => new { r.Status, r.ModelKey });
        builder.Property(r => r.ModelKey).HasMaxLength(ModelRules.KeyMaxLength).IsRequired();
        builder.Property(r => r.OutputName).HasMaxLength(OutputRules.NameMaxLength).IsRequired();
        builder.Property(r => r.RequestedBy).HasMaxLength(FieldLengths.Identity).IsRequired();
        builder.Property(r => r.RequestedByName).HasMaxLength(FieldLengths.Identity).IsRequired();
        builder.Property(r => r.Purpose).HasMaxLength(AccessRequest.PurposeMaxLength).IsRequired();
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(FieldLengths.EnumName);
        builder.Property(r => r.DecidedBy).HasMaxLength(FieldLengths.Identity);
        builder.Property(r => r.DecidedByName).HasMaxLength(FieldLengths.Identity);
        builder.Property(r => r.Reason).HasMaxLength(AccessRequest.ReasonMaxLength);
        builder.Property(r => r.Revision).IsConcurrencyToken();
        builder.Ignore(r => r.PendingAuditAction);
        builder.Ignore(r => r.IsPending);
    }
}
