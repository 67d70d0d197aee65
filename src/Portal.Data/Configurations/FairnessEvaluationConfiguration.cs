using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Fairness;
using Portal.Domain.Inventory;
using Portal.Domain.Versions;
using Portal.Domain;

namespace Portal.Data.Configurations;

public sealed class FairnessEvaluationConfiguration : IEntityTypeConfiguration<FairnessEvaluation>
{
    public void Configure(EntityTypeBuilder<FairnessEvaluation> builder)
    {
        builder.ToTable("FairnessEvaluations");
        builder.HasKey(e => e.Id);
        builder.HasOne<Model>().WithMany().HasForeignKey(e => e.ModelId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ModelVersion>().WithMany().HasForeignKey(e => e.VersionId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(e => e.ModelKey).HasMaxLength(ModelRules.KeyMaxLength).IsRequired();
        builder.Property(e => e.VersionLabel).HasMaxLength(VersionRules.LabelMaxLength).IsRequired();
        builder.Property(e => e.Source).HasConversion<string>().HasMaxLength(FieldLengths.EnumName);
        builder.Property(e => e.RiskTier).HasConversion<string>().HasMaxLength(FieldLengths.EnumName);
        builder.Property(e => e.FileName).HasMaxLength(FairnessEvaluation.FileNameMaxLength);
        builder.Property(e => e.Mapping).HasMaxLength(FairnessEvaluation.MappingMaxLength);
        builder.Property(e => e.ResultsJson).IsRequired();
        builder.Property(e => e.ResultsSha256).HasMaxLength(FieldLengths.Sha256Hex).IsRequired();
        builder.Property(e => e.FailuresJson).IsRequired();
        builder.Property(e => e.EvaluatedBy).HasMaxLength(FieldLengths.Identity).IsRequired();
        builder.Property(e => e.AttestedBy).HasMaxLength(FieldLengths.Identity);
        builder.Property(e => e.AttestedByName).HasMaxLength(FieldLengths.Identity);
        builder.Property(e => e.AttestationReason).HasMaxLength(FairnessEvaluation.AttestationReasonMaxLength);
        builder.Property(e => e.Revision).IsConcurrencyToken();
        builder.HasIndex(e => new { e.ModelId, e.EvaluatedAt });
        builder.HasIndex(e => new { e.VersionId, e.EvaluatedAt });
        builder.Ignore(e => e.IsAttested);
        builder.Ignore(e => e.IsTrusted);
        builder.Ignore(e => e.PendingAuditAction);
    }
}
