using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Flags;
using Portal.Domain.Inventory;
using Portal.Domain;

namespace Portal.Data.Configurations;

public sealed class FlagConfiguration : IEntityTypeConfiguration<Flag>
{
    public void Configure(EntityTypeBuilder<Flag> builder)
    {
        builder.ToTable("Flags");
        builder.HasKey(f => f.Id);
        builder.HasOne<Model>().WithMany().HasForeignKey(f => f.ModelId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(f => f.Rule).HasMaxLength(64).IsRequired();
        builder.Property(f => f.ModelKey).HasMaxLength(ModelRules.KeyMaxLength).IsRequired();
        builder.Property(f => f.Team).HasMaxLength(ModelRules.TeamMaxLength).IsRequired();
        builder.Property(f => f.Severity).HasConversion<string>().HasMaxLength(FieldLengths.EnumName);
        builder.Property(f => f.WhoActs).HasConversion<string>().HasMaxLength(FieldLengths.EnumName);
        builder.Property(f => f.Detail).HasMaxLength(Flag.ReasonMaxLength).IsRequired();
        builder.Property(f => f.AcknowledgedBy).HasMaxLength(FieldLengths.Identity);
        builder.Property(f => f.SnoozedBy).HasMaxLength(FieldLengths.Identity);
        builder.Property(f => f.SnoozeReason).HasMaxLength(Flag.ReasonMaxLength);
        builder.Property(f => f.Revision).IsConcurrencyToken();
        // One open flag per rule and model: two scanners (or a retried batch) cannot raise the same flag twice.
        builder.HasIndex(f => new { f.ModelId, f.Rule }).IsUnique().HasFilter("\"ResolvedAt\" IS NULL").HasDatabaseName("IX_Flags_OpenPerRule");
        // The inventory's flag filter reads open flags (of a rule, or of any) as model ids from this index alone.
        builder.HasIndex(f => new { f.ResolvedAt, f.Rule, f.ModelId });
        // A model's open flags (counted on every inventory row, checked per model when other filters drive) from the index alone.
        builder.HasIndex(f => new { f.ModelId, f.ResolvedAt, f.Rule });
        // The flags open at a past moment (point in time): raised by then, not yet resolved.
        builder.HasIndex(f => new { f.RaisedAt, f.ResolvedAt });
        builder.Ignore(f => f.IsOpen);
        builder.Ignore(f => f.PendingAuditAction);
    }
}

public sealed class FlagRuleSettingConfiguration : IEntityTypeConfiguration<FlagRuleSetting>
{
    public void Configure(EntityTypeBuilder<FlagRuleSetting> builder)
    {
        builder.ToTable("FlagRuleSettings");
        builder.HasKey(s => s.Rule);
        builder.Property(s => s.Rule).HasMaxLength(64);
        builder.Property(s => s.Severity).HasConversion<string>().HasMaxLength(FieldLengths.EnumName);
        builder.Property(s => s.Thresholds).HasConversion(JsonCounts.Converter, JsonCounts.Comparer).HasMaxLength(2000);
        builder.Property(s => s.UpdatedBy).HasMaxLength(FieldLengths.Identity);
        builder.Property(s => s.Revision).IsConcurrencyToken();
        builder.Ignore(s => s.PendingAuditAction);
    }
}

public sealed class FlagScanConfiguration : IEntityTypeConfiguration<FlagScan>
{
    public void Configure(EntityTypeBuilder<FlagScan> builder)
    {
        builder.ToTable("FlagScans");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Instance).HasMaxLength(FieldLengths.Identity);
        builder.Property(s => s.Trigger).HasMaxLength(64);
        builder.Property(s => s.OpenByRule).HasConversion(JsonCounts.Converter, JsonCounts.Comparer).HasMaxLength(4000);
        builder.HasIndex(s => s.StartedAt);
    }
}

public sealed class ScanLeaseConfiguration : IEntityTypeConfiguration<ScanLease>
{
    public const string FlagScanLease = "flag-scan";

    public void Configure(EntityTypeBuilder<ScanLease> builder)
    {
        builder.ToTable("ScanLeases");
        builder.HasKey(l => l.Name);
        builder.Property(l => l.Name).HasMaxLength(64);
        builder.Property(l => l.Holder).HasMaxLength(FieldLengths.Identity);
        // The row exists from the start, so taking the lease is always an UPDATE (atomic on both providers).
        builder.HasData(ScanLease.Free(FlagScanLease));
    }
}

/// <summary>Counts by name stored as one JSON column: small, read whole, never queried inside.</summary>
internal static class JsonCounts
{
    public static readonly Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<Dictionary<string, int>, string> Converter = new(
        v => JsonSerializer.Serialize(v, (JsonSerializerOptions?)null),
        v => JsonSerializer.Deserialize<Dictionary<string, int>>(v, (JsonSerializerOptions?)null) ?? new Dictionary<string, int>());

    public static readonly ValueComparer<Dictionary<string, int>> Comparer = new(
        (a, b) => a!.Count == b!.Count && !a.Except(b).Any(),
        v => v.Aggregate(0, (hash, pair) => HashCode.Combine(hash, pair.Key, pair.Value)),
        v => new Dictionary<string, int>(v));
}
