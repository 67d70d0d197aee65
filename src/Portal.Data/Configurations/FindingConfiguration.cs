using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Portal.Domain;
using Portal.Domain.Findings;
using Portal.Domain.Inventory;

namespace Portal.Data.Configurations;

public sealed class FindingConfiguration : IEntityTypeConfiguration<Finding>
{
    public void Configure(EntityTypeBuilder<Finding> builder)
    {
        builder.ToTable("Findings");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Id).ValueGeneratedNever();
        builder.HasOne<Model>().WithMany().HasForeignKey(f => f.ModelId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(f => f.ModelKey).HasMaxLength(ModelRules.KeyMaxLength).IsRequired();
        builder.Property(f => f.Title).HasMaxLength(FindingRules.TitleMaxLength).IsRequired();
        builder.Property(f => f.Severity).HasConversion<string>().HasMaxLength(FieldLengths.EnumName);
        builder.Property(f => f.Status).HasConversion<string>().HasMaxLength(FieldLengths.EnumName);
        builder.Property(f => f.Description).HasMaxLength(FindingRules.TextMaxLength).IsRequired();
        builder.Property(f => f.RemediationOwner).HasMaxLength(FieldLengths.Identity).IsRequired();
        builder.Property(f => f.RemediationOwnerName).HasMaxLength(FieldLengths.Identity).IsRequired();
        builder.Property(f => f.RaisedBy).HasMaxLength(FieldLengths.Identity).IsRequired();
        builder.Property(f => f.RaisedByName).HasMaxLength(FieldLengths.Identity).IsRequired();
        builder.Property(f => f.RemediationNote).HasMaxLength(FindingRules.TextMaxLength);
        // A few references, read whole with the finding and never queried inside: one JSON column.
        builder.Property(f => f.Evidence).HasConversion(EvidenceJson.Converter, EvidenceJson.Comparer).HasMaxLength(EvidenceJson.MaxLength);
        builder.Property(f => f.RemediatedBy).HasMaxLength(FieldLengths.Identity);
        builder.Property(f => f.RemediatedByName).HasMaxLength(FieldLengths.Identity);
        builder.Property(f => f.ClosedBy).HasMaxLength(FieldLengths.Identity);
        builder.Property(f => f.ClosedByName).HasMaxLength(FieldLengths.Identity);
        builder.Property(f => f.ClosingNote).HasMaxLength(FindingRules.TextMaxLength);
        builder.Property(f => f.ReopenedByName).HasMaxLength(FieldLengths.Identity);
        builder.Property(f => f.ReopenReason).HasMaxLength(FindingRules.TextMaxLength);
        builder.Property(f => f.Revision).IsConcurrencyToken();
        builder.HasIndex(f => new { f.ModelId, f.Status });
        builder.HasIndex(f => new { f.RemediationOwner, f.Status });
        builder.HasIndex(f => new { f.Status, f.DueDate });
        builder.Ignore(f => f.IsClosed);
        builder.Ignore(f => f.AwaitsRemediation);
        builder.Ignore(f => f.PendingAuditAction);
    }
}

/// <summary>A finding's evidence references as one JSON column (kind by name).</summary>
internal static class EvidenceJson
{
    /// <summary>Room for the most references a remediation may carry, each with its reference and description.</summary>
    public const int MaxLength = 16000;

    private static readonly JsonSerializerOptions Options = new() { Converters = { new JsonStringEnumConverter() } };

    public static readonly ValueConverter<List<EvidenceReference>, string> Converter = new(
        v => JsonSerializer.Serialize(v, Options),
        v => JsonSerializer.Deserialize<List<EvidenceReference>>(v, Options) ?? new List<EvidenceReference>());

    public static readonly ValueComparer<List<EvidenceReference>> Comparer = new(
        (a, b) => a!.SequenceEqual(b!),
        v => v.Aggregate(0, (hash, e) => HashCode.Combine(hash, e)),
        v => v.ToList());
}
