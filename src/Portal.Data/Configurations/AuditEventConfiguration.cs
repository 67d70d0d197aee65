using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Audit;
using Portal.Domain.Inventory;
using Portal.Domain;

namespace Portal.Data.Configurations;

public sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    /// <summary>Triggers that reject UPDATE and DELETE; each provider's migration creates them.</summary>
    public const string NoUpdateTrigger = "TR_AuditEvents_NoUpdate";
    public const string NoDeleteTrigger = "TR_AuditEvents_NoDelete";

    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        builder.ToTable("AuditEvents", table =>
        {
            table.HasTrigger(NoUpdateTrigger);
            table.HasTrigger(NoDeleteTrigger);
        });
        // The sequence is assigned by the chain, not the database: a second writer appending the
        // same number fails on the key instead of forking the chain.
        builder.HasKey(a => a.Sequence);
        builder.Property(a => a.Sequence).ValueGeneratedNever();
        builder.Property(a => a.ActorId).HasMaxLength(FieldLengths.Identity).IsRequired();
        builder.Property(a => a.ActorName).HasMaxLength(FieldLengths.Identity).IsRequired();
        builder.Property(a => a.Action).HasMaxLength(100).IsRequired();
        builder.Property(a => a.EntityType).HasMaxLength(100).IsRequired();
        builder.Property(a => a.EntityId).HasMaxLength(FieldLengths.Identity).IsRequired();
        builder.Property(a => a.ModelKey).HasMaxLength(ModelRules.KeyMaxLength);
        builder.Property(a => a.PreviousHash).HasMaxLength(FieldLengths.Sha256Hex).IsUnicode(false).IsRequired();
        builder.Property(a => a.Hash).HasMaxLength(FieldLengths.Sha256Hex).IsUnicode(false).IsRequired();
        builder.HasIndex(a => a.OccurredAt);
        builder.HasIndex(a => new { a.ModelKey, a.Sequence });
        builder.HasIndex(a => new { a.ActorId, a.Sequence });
        builder.HasIndex(a => new { a.Action, a.Sequence });
    }
}
