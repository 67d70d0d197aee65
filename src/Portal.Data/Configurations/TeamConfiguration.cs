using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Teams;

namespace Portal.Data.Configurations;

public sealed class TeamConfiguration : IEntityTypeConfiguration<Team>
{
    public void Configure(EntityTypeBuilder<Team> builder)
    {
        builder.ToTable("Teams");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Name).HasMaxLength(TeamRules.NameMaxLength).IsRequired();
        builder.Property(t => t.NameNormalized).HasMaxLength(TeamRules.NameMaxLength).IsRequired();
        builder.HasIndex(t => t.NameNormalized).IsUnique();
        builder.Property(t => t.Description).HasMaxLength(TeamRules.DescriptionMaxLength);
        builder.OwnsMany(t => t.Members, members => members.ToJson());
        builder.Property(t => t.Revision).IsConcurrencyToken();
        builder.Ignore(t => t.PendingAuditAction);
    }
}
