using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain;
using Portal.Domain.Audits;
using Portal.Domain.Inventory;

namespace Portal.Data.Configurations;

public sealed class AuditItemConfiguration : IEntityTypeConfiguration<AuditItem>
{
    public void Configure(EntityTypeBuilder<AuditItem> builder)
    {
        builder.ToTable("AuditItems");
        builder.HasKey(i => new { i.RequestId, i.Number });
        builder.Property(i => i.Number).ValueGeneratedNever();
        builder.HasOne<AuditRequest>().WithMany().HasForeignKey(i => i.RequestId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Model>().WithMany().HasForeignKey(i => i.ModelId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(i => i.ModelKey).HasMaxLength(ModelRules.KeyMaxLength).IsRequired();
        builder.Property(i => i.Question).HasMaxLength(AuditRules.QuestionMaxLength).IsRequired();
        builder.Property(i => i.AssigneeSubject).HasMaxLength(FieldLengths.Identity).IsRequired();
        builder.Property(i => i.AssigneeName).HasMaxLength(FieldLengths.Identity).IsRequired();
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(FieldLengths.EnumName);
        builder.Property(i => i.ReturnComment).HasMaxLength(AuditRules.CommentMaxLength);
        builder.Property(i => i.Revision).IsConcurrencyToken();
        builder.HasIndex(i => new { i.AssigneeSubject, i.Status });
        builder.HasIndex(i => new { i.ModelId, i.Status });
        builder.HasIndex(i => i.ModelKey);
        builder.Ignore(i => i.AwaitsAnswer);
        builder.Ignore(i => i.PendingAuditAction);
    }
}
