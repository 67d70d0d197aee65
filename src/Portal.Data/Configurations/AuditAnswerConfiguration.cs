using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain;
using Portal.Domain.Audits;
using Portal.Domain.Inventory;

namespace Portal.Data.Configurations;

public sealed class AuditAnswerConfiguration : IEntityTypeConfiguration<AuditAnswer>
{
    public void Configure(EntityTypeBuilder<AuditAnswer> builder)
    {
        builder.ToTable("AuditAnswers");
        builder.HasKey(a => new { a.RequestId, a.ItemNumber, a.Round });
        builder.Property(a => a.ItemNumber).ValueGeneratedNever();
        builder.Property(a => a.Round).ValueGeneratedNever();
        builder.HasOne<AuditItem>().WithMany().HasForeignKey(a => new { a.RequestId, a.ItemNumber }).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(a => a.Evidence).WithOne().HasForeignKey(e => new { e.RequestId, e.ItemNumber, e.Round }).OnDelete(DeleteBehavior.Restrict);
        builder.Property(a => a.ModelKey).HasMaxLength(ModelRules.KeyMaxLength).IsRequired();
        builder.Property(a => a.Text).HasMaxLength(AuditRules.AnswerMaxLength).IsRequired();
        builder.Property(a => a.AnsweredBy).HasMaxLength(FieldLengths.Identity).IsRequired();
        builder.Property(a => a.AnsweredByName).HasMaxLength(FieldLengths.Identity).IsRequired();
        builder.Property(a => a.Decision).HasConversion<string>().HasMaxLength(FieldLengths.EnumName);
        builder.Property(a => a.DecidedByName).HasMaxLength(FieldLengths.Identity);
        builder.Property(a => a.DecisionComment).HasMaxLength(AuditRules.CommentMaxLength);
        builder.Ignore(a => a.PendingAuditAction);
    }
}
