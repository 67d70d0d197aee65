using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Inventory;
using Portal.Domain.Versions;
using Portal.Domain;

namespace Portal.Data.Configurations;

public sealed class ModelVersionConfiguration : IEntityTypeConfiguration<ModelVersion>
{
    /// <summary>The filtered unique index that lets a model have at most one Production version (StagePolicy); Staging has no such limit.</summary>
    public const string OneProductionVersionPerModel = "IX_ModelVersions_OneProductionPerModel";

    public void Configure(EntityTypeBuilder<ModelVersion> builder)
    {
        builder.ToTable("ModelVersions");
        builder.HasKey(v => v.Id);
        builder.HasOne<Model>().WithMany().HasForeignKey(v => v.ModelId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(v => v.ModelKey).HasMaxLength(ModelRules.KeyMaxLength).IsRequired();
        builder.Property(v => v.Label).HasMaxLength(VersionRules.LabelMaxLength).IsRequired();
        builder.HasIndex(v => new { v.ModelId, v.Label }).IsUnique();
        builder.HasIndex(v => new { v.ModelId, v.Stage });
        // Covers the point-in-time inventory's read of every version in Staging or Production: a seek, never a scan of the wide rows.
        builder.HasIndex(v => new { v.Stage, v.ModelId, v.Label });
        // Stages are stored by name; a promotion archives the previous Production version and saves that first.
        builder.HasIndex(v => v.ModelId).IsUnique().HasFilter("\"Stage\" = 'Production'").HasDatabaseName(OneProductionVersionPerModel);
        builder.OwnsOne(v => v.TrainingData, data => data.ToJson());
        builder.OwnsOne(v => v.EvaluationData, data => data.ToJson());
        builder.OwnsMany(v => v.Hyperparameters, values => values.ToJson());
        builder.OwnsMany(v => v.Metrics, values => values.ToJson());
        builder.Property(v => v.CodeRepository).HasMaxLength(VersionRules.CodeRepositoryMaxLength);
        builder.Property(v => v.CodeCommit).HasMaxLength(FieldLengths.CommitId);
        builder.Property(v => v.ArtifactUri).HasMaxLength(VersionRules.UriMaxLength);
        builder.Property(v => v.Notes).HasMaxLength(VersionRules.NotesMaxLength);
        builder.Property(v => v.RegisteredBy).HasMaxLength(FieldLengths.Identity);
        builder.Property(v => v.Stage).HasConversion<string>().HasMaxLength(FieldLengths.EnumName);
        builder.Property(v => v.StageChangedBy).HasMaxLength(FieldLengths.Identity);
        builder.Property(v => v.Revision).IsConcurrencyToken();
        builder.Ignore(v => v.PendingAuditAction);
    }
}
