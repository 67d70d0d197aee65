using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain;
using Portal.Domain.ApiContract;

namespace Portal.Data.Configurations;

/// <summary>Not audited: a record of how the API answered a request, never a change to governed data.</summary>
public sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public const int LocationMaxLength = 2048;
    public const int ContentTypeMaxLength = 200;

    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.ToTable("IdempotencyRecords");
        builder.HasKey(r => r.Id);
        builder.Ignore(r => r.IsCompleted);
        builder.Property(r => r.Caller).HasMaxLength(FieldLengths.Identity);
        builder.Property(r => r.Key).HasMaxLength(IdempotencyKey.MaxLength);
        builder.Property(r => r.RequestHash).HasMaxLength(64);
        builder.Property(r => r.ContentType).HasMaxLength(ContentTypeMaxLength);
        builder.Property(r => r.Location).HasMaxLength(LocationMaxLength);
        // The claim: a second insert of the same caller and key fails on both providers, so only one request runs.
        builder.HasIndex(r => new { r.Caller, r.Key }).IsUnique();
        builder.HasIndex(r => r.ExpiresAt);
    }
}
