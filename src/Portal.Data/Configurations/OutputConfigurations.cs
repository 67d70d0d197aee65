using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain;
using Portal.Domain.Inventory;
using Portal.Domain.Outputs;
using Portal.Domain.Versions;

namespace Portal.Data.Configurations;

public sealed class ModelOutputConfiguration : IEntityTypeConfiguration<ModelOutput>
{
    public void Configure(EntityTypeBuilder<ModelOutput> builder)
    {
        builder.ToTable("ModelOutputs");
        builder.HasKey(o => o.Id);
        builder.HasOne<Model>().WithMany().HasForeignKey(o => o.ModelId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ModelVersion>().WithMany().HasForeignKey(o => o.VersionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(o => new { o.ModelId, o.ProducedAt });
        builder.HasIndex(o => new { o.VersionId, o.Name });
        builder.Property(o => o.ModelKey).HasMaxLength(ModelRules.KeyMaxLength).IsRequired();
        builder.Property(o => o.VersionLabel).HasMaxLength(VersionRules.LabelMaxLength).IsRequired();
        builder.Property(o => o.Name).HasMaxLength(OutputRules.NameMaxLength).IsRequired();
        builder.Property(o => o.Description).HasMaxLength(OutputRules.DescriptionMaxLength);
        builder.Property(o => o.Classification).HasConversion<string>().HasMaxLength(FieldLengths.EnumName);
        builder.Property(o => o.Format).HasConversion<string>().HasMaxLength(FieldLengths.EnumName);
        builder.OwnsMany(o => o.Columns, columns => columns.ToJson());
        builder.OwnsOne(o => o.ExpectedScoreRange, range => range.ToJson());
        builder.Property(o => o.OutOfRangeExample).HasMaxLength(ScoreRangeFinding.ExampleMaxLength);
        builder.Property(o => o.StorageKey).HasMaxLength(FieldLengths.Identity);
        builder.Property(o => o.Sha256).HasMaxLength(FieldLengths.Sha256Hex);
        builder.Property(o => o.ExternalReference).HasMaxLength(OutputRules.ReferenceMaxLength);
        builder.Property(o => o.RegisteredBy).HasMaxLength(FieldLengths.Identity).IsRequired();
        builder.Property(o => o.Revision).IsConcurrencyToken();
        builder.Ignore(o => o.PendingAuditAction);
        builder.Ignore(o => o.IsStored);
    }
}

public sealed class OutputGrantConfiguration : IEntityTypeConfiguration<OutputGrant>
{
    public void Configure(EntityTypeBuilder<OutputGrant> builder)
    {
        builder.ToTable("OutputGrants");
        builder.HasKey(g => g.Id);
        builder.HasOne<ModelOutput>().WithMany().HasForeignKey(g => g.OutputId).OnDelete(DeleteBehavior.Restrict);
        // A read loads only the grants of that output held by the reader (by subject, or by the reader's teams).
        builder.HasIndex(g => new { g.OutputId, g.Grantee });
        builder.HasIndex(g => new { g.Grantee, g.GranteeKind });
        builder.Property(g => g.ModelKey).HasMaxLength(ModelRules.KeyMaxLength).IsRequired();
        builder.Property(g => g.GranteeKind).HasConversion<string>().HasMaxLength(FieldLengths.EnumName);
        builder.Property(g => g.Grantee).HasMaxLength(FieldLengths.Identity).IsRequired();
        builder.Property(g => g.GranteeName).HasMaxLength(FieldLengths.Identity).IsRequired();
        builder.Property(g => g.Access).HasConversion<string>().HasMaxLength(FieldLengths.EnumName);
        builder.OwnsOne(g => g.RowFilter, filter => filter.ToJson());
        builder.Property(g => g.Purpose).HasMaxLength(OutputGrant.PurposeMaxLength);
        builder.Property(g => g.GrantedBy).HasMaxLength(FieldLengths.Identity).IsRequired();
        builder.Property(g => g.GrantedByName).HasMaxLength(FieldLengths.Identity).IsRequired();
        builder.Property(g => g.RevokedBy).HasMaxLength(FieldLengths.Identity);
        builder.Property(g => g.RevokeReason).HasMaxLength(OutputGrant.ReasonMaxLength);
        builder.Property(g => g.Revision).IsConcurrencyToken();
        builder.Ignore(g => g.PendingAuditAction);
    }
}

public sealed class MaskedOutputCopyConfiguration : IEntityTypeConfiguration<MaskedOutputCopy>
{
    public void Configure(EntityTypeBuilder<MaskedOutputCopy> builder)
    {
        builder.ToTable("MaskedOutputCopies");
        builder.HasKey(c => c.Id);
        // A copy goes with its output: deleting the output's row deletes its copies' rows (their files are removed by the service).
        builder.HasOne<ModelOutput>().WithMany().HasForeignKey(c => c.OutputId).OnDelete(DeleteBehavior.Cascade);
        // One copy per plan: of two first reads storing the same plan at once, the second save loses here and drops its file.
        builder.HasIndex(c => new { c.OutputId, c.Fingerprint }).IsUnique();
        builder.Property(c => c.Fingerprint).HasMaxLength(FieldLengths.Sha256Hex).IsRequired();
        builder.Property(c => c.Format).HasConversion<string>().HasMaxLength(FieldLengths.EnumName);
        builder.Property(c => c.HashKeyId).HasMaxLength(FieldLengths.Sha256Hex).IsRequired();
        builder.Property(c => c.StorageKey).HasMaxLength(FieldLengths.Identity).IsRequired();
        builder.Property(c => c.Sha256).HasMaxLength(FieldLengths.Sha256Hex).IsRequired();
    }
}

public sealed class OutputPolicyConfiguration : IEntityTypeConfiguration<OutputPolicy>
{
    public void Configure(EntityTypeBuilder<OutputPolicy> builder)
    {
        builder.ToTable("OutputPolicies");
        builder.HasKey(p => p.Id);
        // One row per version: a second save of the same next version loses here rather than overwriting.
        builder.HasIndex(p => p.Version).IsUnique();
        builder.OwnsMany(p => p.Readers, readers => readers.ToJson());
        builder.OwnsMany(p => p.Masks, masks => masks.ToJson());
        builder.Property(p => p.ChangedBy).HasMaxLength(FieldLengths.Identity).IsRequired();
        builder.Property(p => p.Reason).HasMaxLength(OutputPolicy.ReasonMaxLength);
        builder.Ignore(p => p.PendingAuditAction);
    }
}

public sealed class OutputTagDefinitionConfiguration : IEntityTypeConfiguration<OutputTagDefinition>
{
    public void Configure(EntityTypeBuilder<OutputTagDefinition> builder)
    {
        builder.ToTable("OutputTags");
        builder.HasKey(t => t.Id);
        builder.HasIndex(t => t.Name).IsUnique();
        builder.Property(t => t.Name).HasMaxLength(OutputTags.MaxLength).IsRequired();
        builder.Property(t => t.Description).HasMaxLength(OutputTagDefinition.DescriptionMaxLength);
        builder.Property(t => t.DefinedBy).HasMaxLength(FieldLengths.Identity).IsRequired();
        builder.Ignore(t => t.PendingAuditAction);
    }
}

public sealed class OutputAccessConfiguration : IEntityTypeConfiguration<OutputAccess>
{
    public void Configure(EntityTypeBuilder<OutputAccess> builder)
    {
        builder.ToTable("OutputAccesses");
        builder.HasKey(a => a.Id);
        builder.HasOne<ModelOutput>().WithMany().HasForeignKey(a => a.OutputId).OnDelete(DeleteBehavior.Restrict);
        // "Who accessed this output" (a table and a per-day chart) reads one output's accesses by time.
        builder.HasIndex(a => new { a.OutputId, a.At });
        builder.HasIndex(a => new { a.ActorId, a.At });
        builder.Property(a => a.ModelKey).HasMaxLength(ModelRules.KeyMaxLength).IsRequired();
        builder.Property(a => a.ActorId).HasMaxLength(FieldLengths.Identity).IsRequired();
        builder.Property(a => a.ActorName).HasMaxLength(FieldLengths.Identity).IsRequired();
        builder.Property(a => a.Channel).HasConversion<string>().HasMaxLength(FieldLengths.EnumName);
        builder.Property(a => a.Format).HasConversion<string>().HasMaxLength(FieldLengths.EnumName);
        builder.Property(a => a.MaskedColumns).HasMaxLength(OutputAccess.MaskedColumnsMaxLength);
        builder.Property(a => a.RowFilter).HasMaxLength(OutputAccess.RefusalMaxLength);
        builder.Property(a => a.Purpose).HasMaxLength(OutputGrant.PurposeMaxLength);
        builder.Property(a => a.Refusal).HasMaxLength(OutputAccess.RefusalMaxLength);
    }
}
