using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Portal.Domain.Access;
using Portal.Domain.Audit;
using Portal.Domain.Directory;
using Portal.Domain.Fairness;
using Portal.Domain.Flags;
using Portal.Domain.Inventory;
using Portal.Domain.Notifications;
using Portal.Domain.Ownership;
using Portal.Domain.Releases;
using Portal.Domain.Teams;
using Portal.Domain.Tokens;
using Portal.Domain.Versions;

namespace Portal.Data;

public sealed class PortalDbContext(DbContextOptions<PortalDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<Model> Models => Set<Model>();
    public DbSet<ModelTag> ModelTags => Set<ModelTag>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<UserAccount> Users => Set<UserAccount>();
    public DbSet<ServiceToken> ServiceTokens => Set<ServiceToken>();
    public DbSet<ModelVersion> ModelVersions => Set<ModelVersion>();
    public DbSet<OwnershipAssignment> OwnershipAssignments => Set<OwnershipAssignment>();
    public DbSet<Team> Teams => Set<Team>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<ReleaseRequest> ReleaseRequests => Set<ReleaseRequest>();
    public DbSet<ReleaseSignature> ReleaseSignatures => Set<ReleaseSignature>();
    public DbSet<GateException> GateExceptions => Set<GateException>();
    public DbSet<ApprovalPolicy> ApprovalPolicies => Set<ApprovalPolicy>();
    public DbSet<Flag> Flags => Set<Flag>();
    public DbSet<FlagRuleSetting> FlagRuleSettings => Set<FlagRuleSetting>();
    public DbSet<FlagScan> FlagScans => Set<FlagScan>();
    public DbSet<ScanLease> ScanLeases => Set<ScanLease>();
    public DbSet<FairnessEvaluation> FairnessEvaluations => Set<FairnessEvaluation>();
    public DbSet<FairnessPolicy> FairnessPolicies => Set<FairnessPolicy>();

    /// <summary>Shared cookie and antiforgery keys, so that every portal instance can read what another issued.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>Who the changes saved through this context are recorded against. Required for audited changes.</summary>
    public Actor? Actor { get; set; }

    /// <summary>Events that are not entity changes (denials, token uses), appended to the chain by the next save.</summary>
    internal List<AuditEvent> PendingAuditEvents { get; } = [];

    /// <summary>Queues an audit event that is not an entity change; it is sealed into the chain by SaveChangesAsync.</summary>
    public void Record(AuditEvent audit) => PendingAuditEvents.Add(audit);

    /// <summary>The transaction the audit interceptor opened for one SaveChanges, when the caller opened none.</summary>
    internal IDbContextTransaction? AuditTransaction { get; set; }

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }
}
