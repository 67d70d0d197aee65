using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Fairness;
using Portal.Domain.Inventory;
using Portal.Domain.Versions;

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
        builder.Property(e => e.VersionLabel).HasMaxLength(64).IsRequired();
        builder.Property(e => e.Source).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.RiskTier).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.FileName).HasMaxLength(260);
        builder.Property(e => e.Mapping).HasMaxLength(2000);
        builder.Property(e => e.ResultsJson).IsRequired();
        builder.Property(e => e.ResultsSha256).HasMaxLength(64).IsRequired();
        builder.Property(e => e.FailuresJson).IsRequired();
        builder.Property(e => e.EvaluatedBy).HasMaxLength(200).IsRequired();
        builder.Property(e => e.AttestedBy).HasMaxLength(200);
        builder.Property(e => e.AttestedByName).HasMaxLength(200);
        builder.Property(e => e.AttestationReason).HasMaxLength(FairnessEvaluation.AttestationReasonMaxLength);
        builder.Property(e => e.Revision).IsConcurrencyToken();
        builder.HasIndex(e => new { e.ModelId, e.EvaluatedAt });
        builder.HasIndex(e => new { e.VersionId, e.EvaluatedAt });
        builder.Ignore(e => e.IsAttested);
        builder.Ignore(e => e.IsTrusted);
        builder.Ignore(e => e.PendingAuditAction);
    }
}
