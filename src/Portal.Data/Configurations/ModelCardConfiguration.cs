using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain;
using Portal.Domain.Inventory;
using Portal.Domain.ModelCards;
using Portal.Domain.Versions;

namespace Portal.Data.Configurations;

public sealed class ModelCardRevisionConfiguration : IEntityTypeConfiguration<ModelCardRevision>
{
    public void Configure(EntityTypeBuilder<ModelCardRevision> builder)
    {
        builder.ToTable("ModelCardRevisions");
        builder.Property(r => r.License).HasMaxLength(ModelCardRevision.LicenseMaxLength);
        builder.HasKey(r => r.Id);
        builder.HasOne<Model>().WithMany().HasForeignKey(r => r.ModelId).OnDelete(DeleteBehavior.Restrict);
        // One row per revision number: of two saves on the same revision, the second loses here (a 409).
        builder.HasIndex(r => new { r.ModelId, r.Number }).IsUnique();
        // The revision in force at a past moment, for every model, from the index alone (the rows hold whole cards).
        builder.HasIndex(r => new { r.ModelId, r.CreatedAt, r.Number });
        builder.Property(r => r.ModelKey).HasMaxLength(ModelRules.KeyMaxLength).IsRequired();
        builder.Property(r => r.SectionsJson).IsRequired();
        builder.Property(r => r.ChangedSections).HasMaxLength(CardRules.ChangedSectionsMaxLength).IsRequired();
        builder.Property(r => r.ChangeSummary).HasMaxLength(CardRules.ChangeSummaryMaxLength).IsRequired();
        builder.Property(r => r.AuthorSubject).HasMaxLength(FieldLengths.Identity).IsRequired();
        builder.Property(r => r.AuthorName).HasMaxLength(FieldLengths.Identity).IsRequired();
        builder.Property(r => r.VersionLabel).HasMaxLength(VersionRules.LabelMaxLength);
        builder.Property(r => r.SearchText).HasMaxLength(ModelCardRevision.SearchTextMaxLength).IsRequired();
        builder.Ignore(r => r.PendingAuditAction);
    }
}

public sealed class ModelCardReviewConfiguration : IEntityTypeConfiguration<ModelCardReview>
{
    public void Configure(EntityTypeBuilder<ModelCardReview> builder)
    {
        builder.ToTable("ModelCardReviews");
        builder.HasKey(r => r.Id);
        builder.HasOne<Model>().WithMany().HasForeignKey(r => r.ModelId).OnDelete(DeleteBehavior.Restrict);
        // A revision is reviewed once: a second reviewer racing the first loses here.
        builder.HasIndex(r => new { r.ModelId, r.RevisionNumber }).IsUnique();
        // The reviews made by a past moment (point in time).
        builder.HasIndex(r => r.ReviewedAt);
        builder.Property(r => r.ModelKey).HasMaxLength(ModelRules.KeyMaxLength).IsRequired();
        builder.Property(r => r.ReviewerSubject).HasMaxLength(FieldLengths.Identity).IsRequired();
        builder.Property(r => r.ReviewerName).HasMaxLength(FieldLengths.Identity).IsRequired();
        builder.Property(r => r.Note).HasMaxLength(CardRules.NoteMaxLength);
        builder.Ignore(r => r.PendingAuditAction);
    }
}

public sealed class CardTemplateConfiguration : IEntityTypeConfiguration<CardTemplate>
{
    public void Configure(EntityTypeBuilder<CardTemplate> builder)
    {
        builder.ToTable("CardTemplates");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.RiskTier).HasConversion<string>().HasMaxLength(FieldLengths.EnumName);
        builder.HasIndex(t => new { t.RiskTier, t.Version }).IsUnique();
        builder.Property(t => t.RequirementsJson).IsRequired();
        builder.Property(t => t.ChangedBy).HasMaxLength(FieldLengths.Identity).IsRequired();
        builder.Property(t => t.Reason).HasMaxLength(CardTemplate.ReasonMaxLength);
        builder.Ignore(t => t.PendingAuditAction);
    }
}

public sealed class ModelCardStateConfiguration : IEntityTypeConfiguration<ModelCardState>
{
    public void Configure(EntityTypeBuilder<ModelCardState> builder)
    {
        // Its key is the model's id: the FTS5 card indexes (SqliteDatabaseObjects) use it as their rowid.
        builder.ToTable("ModelCardStates");
        builder.HasKey(s => s.ModelId);
        builder.Property(s => s.ModelId).ValueGeneratedNever();
        builder.HasOne<Model>().WithOne().HasForeignKey<ModelCardState>(s => s.ModelId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(s => s.SearchText).HasMaxLength(ModelCardRevision.SearchTextMaxLength).IsRequired();
    }
}
