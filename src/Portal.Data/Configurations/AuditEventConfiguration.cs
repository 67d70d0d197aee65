using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Audit;

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
        builder.Property(a => a.ActorId).HasMaxLength(200).IsRequired();
        builder.Property(a => a.ActorName).HasMaxLength(200).IsRequired();
        builder.Property(a => a.Action).HasMaxLength(100).IsRequired();
        builder.Property(a => a.EntityType).HasMaxLength(100).IsRequired();
        builder.Property(a => a.EntityId).HasMaxLength(200).IsRequired();
        builder.Property(a => a.ModelKey).HasMaxLength(64);
        builder.Property(a => a.PreviousHash).HasMaxLength(64).IsUnicode(false).IsRequired();
        builder.Property(a => a.Hash).HasMaxLength(64).IsUnicode(false).IsRequired();
        builder.HasIndex(a => a.OccurredAt);
        builder.HasIndex(a => new { a.ModelKey, a.Sequence });
        builder.HasIndex(a => new { a.ActorId, a.Sequence });
        builder.HasIndex(a => new { a.Action, a.Sequence });
    }
}
