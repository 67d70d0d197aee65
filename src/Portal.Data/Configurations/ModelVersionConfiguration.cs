using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Inventory;
using Portal.Domain.Versions;

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
        builder.Property(v => v.Label).HasMaxLength(64).IsRequired();
        builder.HasIndex(v => new { v.ModelId, v.Label }).IsUnique();
        builder.HasIndex(v => new { v.ModelId, v.Stage });
        // Stages are stored by name; a promotion archives the previous Production version and saves that first.
        builder.HasIndex(v => v.ModelId).IsUnique().HasFilter("\"Stage\" = 'Production'").HasDatabaseName(OneProductionVersionPerModel);
        builder.OwnsOne(v => v.TrainingData, data => data.ToJson());
        builder.OwnsOne(v => v.EvaluationData, data => data.ToJson());
        builder.OwnsMany(v => v.Hyperparameters, values => values.ToJson());
        builder.OwnsMany(v => v.Metrics, values => values.ToJson());
        builder.Property(v => v.CodeRepository).HasMaxLength(500);
        builder.Property(v => v.CodeCommit).HasMaxLength(64);
        builder.Property(v => v.ArtifactUri).HasMaxLength(1000);
        builder.Property(v => v.Notes).HasMaxLength(4000);
        builder.Property(v => v.RegisteredBy).HasMaxLength(200);
        builder.Property(v => v.Stage).HasConversion<string>().HasMaxLength(16);
        builder.Property(v => v.StageChangedBy).HasMaxLength(200);
        builder.Property(v => v.Revision).IsConcurrencyToken();
        builder.Ignore(v => v.PendingAuditAction);
    }
}
