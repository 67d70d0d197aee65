using System.Data;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Access;
using Portal.Domain.ApiContract;
using Portal.Domain.Audit;
using Portal.Domain.Audits;
using Portal.Domain.Directory;
using Portal.Domain.Documents;
using Portal.Domain.Fairness;
using Portal.Domain.Findings;
using Portal.Domain.Flags;
using Portal.Domain.Inventory;
using Portal.Domain.ModelCards;
using Portal.Domain.Notifications;
using Portal.Domain.Outputs;
using Portal.Domain.Ownership;
using Portal.Domain.Releases;
using Portal.Domain.Teams;
using Portal.Domain.Tokens;
using Portal.Domain.Versions;
using Portal.Domain.Webhooks;

namespace Portal.Data;

public sealed partial class PortalDbContext(DbContextOptions<PortalDbContext> options) : DbContext(options), IDataProtectionKeyContext
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
    public DbSet<ModelDocument> ModelDocuments => Set<ModelDocument>();
    public DbSet<ModelCardRevision> ModelCardRevisions => Set<ModelCardRevision>();
    public DbSet<ModelCardReview> ModelCardReviews => Set<ModelCardReview>();
    public DbSet<CardTemplate> CardTemplates => Set<CardTemplate>();
    public DbSet<ModelOutput> ModelOutputs => Set<ModelOutput>();
    public DbSet<OutputGrant> OutputGrants => Set<OutputGrant>();
    public DbSet<OutputPolicy> OutputPolicies => Set<OutputPolicy>();
    public DbSet<OutputTagDefinition> OutputTags => Set<OutputTagDefinition>();
    public DbSet<OutputAccess> OutputAccesses => Set<OutputAccess>();
    public DbSet<MaskedOutputCopy> MaskedOutputCopies => Set<MaskedOutputCopy>();
    public DbSet<AccessRequest> AccessRequests => Set<AccessRequest>();
    public DbSet<ModelCardState> ModelCardStates => Set<ModelCardState>();
    public DbSet<Finding> Findings => Set<Finding>();
    public DbSet<AuditRequest> AuditRequests => Set<AuditRequest>();
    public DbSet<AuditItem> AuditItems => Set<AuditItem>();
    public DbSet<AuditAnswer> AuditAnswers => Set<AuditAnswer>();
    public DbSet<EvidenceLink> EvidenceLinks => Set<EvidenceLink>();
    public DbSet<WebhookSubscription> WebhookSubscriptions => Set<WebhookSubscription>();
    public DbSet<WebhookOutboxEvent> WebhookOutbox => Set<WebhookOutboxEvent>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<WebhookAttempt> WebhookAttempts => Set<WebhookAttempt>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    /// <summary>Shared cookie and antiforgery keys, so that every portal instance can read what another issued.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>Who the changes saved through this context are recorded against. Required for audited changes.</summary>
    public Actor? Actor { get; set; }

    /// <summary>Events that are not entity changes (denials, token uses), appended to the chain by the next save.</summary>
    internal List<AuditEvent> PendingAuditEvents { get; } = [];

    /// <summary>Queues an audit event that is not an entity change; it is sealed into the chain by SaveChangesAsync.</summary>
    public void Record(AuditEvent audit) => PendingAuditEvents.Add(audit);

    /// <summary>Events the audit interceptor added to the save in progress; forgotten if that save or its unit fails.</summary>
    internal List<AuditEvent> SealedAuditEvents { get; } = [];

    /// <summary>Webhook outbox rows the audit interceptor added with those events; forgotten with them if the save fails.</summary>
    internal List<WebhookOutboxEvent> AnnouncedWebhookEvents { get; } = [];

    /// <summary>
    /// Saves. A save that writes audit events and runs in no transaction is a unit of work of its own: transaction, chain-head
    /// lock, changes and events, commit, all inside the provider's execution strategy, so a transient failure runs the whole
    /// unit again (events sealed again from the head it then finds) and the change tracker accepts the changes only after
    /// the commit. Inside a transaction (<see cref="InUnitOfWorkAsync{T}"/>) the save joins it.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (!ChangeTracker.AutoDetectChangesEnabled)
        {
            return await SaveDetectedAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        // One pass over the tracked entities finds every change; without this, each look at the tracker during the save (here, in
        // the audit interceptor, in EF Core itself) would compare every entity with its snapshot again.
        ChangeTracker.DetectChanges();
        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            return await SaveDetectedAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = true;
        }
    }

    private async Task<int> SaveDetectedAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken)
    {
        if (Database.CurrentTransaction is not null || !HasAuditedWork())
        {
            var saved = await SaveForgettingSealedOnFailureAsync(acceptAllChangesOnSuccess, cancellationToken);
            Settle();
            return saved;
        }
        var count = await Database.CreateExecutionStrategy().ExecuteAsync(cancellationToken, async token =>
        {
            await using var transaction = await Database.BeginTransactionAsync(token);
            try
            {
                var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess: false, token);
                await transaction.CommitAsync(token);
                return written;
            }
            catch
            {
                ForgetSealed();
                throw;
            }
        });
        if (acceptAllChangesOnSuccess)
        {
            ChangeTracker.AcceptAllChanges();
        }
        Settle();
        return count;
    }

    /// <summary>
    /// Runs <paramref name="work"/> as one unit of work: one transaction (at <paramref name="isolation"/>) inside the provider's
    /// execution strategy, so that a transient failure runs all of it again. The work must read what it changes: an attempt
    /// that runs again starts from an empty change tracker. Saves inside it join its transaction; inside another unit it
    /// simply runs, as part of that one.
    /// </summary>
    public async Task<T> InUnitOfWorkAsync<T>(Func<Task<T>> work, IsolationLevel isolation = IsolationLevel.Unspecified,
        CancellationToken cancellationToken = default)
    {
        if (Database.CurrentTransaction is not null)
        {
            return await work();
        }
        if (ChangeTracker.HasChanges() || PendingAuditEvents.Count > 0)
        {
            throw new InvalidOperationException("A unit of work starts with nothing pending: changes made before it would be lost if it ran again.");
        }
        var attempts = 0;
        return await Database.CreateExecutionStrategy().ExecuteAsync(cancellationToken, async token =>
        {
            if (attempts++ > 0)
            {
                ChangeTracker.Clear();
                PendingAuditEvents.Clear();
                SealedAuditEvents.Clear();
                AnnouncedWebhookEvents.Clear();
            }
            await using var transaction = await Database.BeginTransactionAsync(isolation, token);
            var result = await work();
            await transaction.CommitAsync(token);
            return result;
        });
    }

    /// <inheritdoc cref="InUnitOfWorkAsync{T}"/>
    public Task InUnitOfWorkAsync(Func<Task> work, IsolationLevel isolation = IsolationLevel.Unspecified, CancellationToken cancellationToken = default) =>
        InUnitOfWorkAsync(async () =>
        {
            await work();
            return true;
        }, isolation, cancellationToken);

    /// <summary>A pooled context serves another operation next: it must not keep this one's actor or unsaved events.</summary>
    public override void Dispose()
    {
        ForgetOperation();
        base.Dispose();
    }

    /// <inheritdoc cref="Dispose"/>
    public override ValueTask DisposeAsync()
    {
        ForgetOperation();
        return base.DisposeAsync();
    }

    private void ForgetOperation()
    {
        Actor = null;
        PendingAuditEvents.Clear();
        SealedAuditEvents.Clear();
        AnnouncedWebhookEvents.Clear();
    }

    private bool HasAuditedWork() =>
        PendingAuditEvents.Count > 0 || ChangeTracker.Entries<IAuditedEntity>().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted);

    private async Task<int> SaveForgettingSealedOnFailureAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken)
    {
        try
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        catch
        {
            ForgetSealed();
            throw;
        }
    }

    /// <summary>A failed save's events leave the change tracker, so that the next attempt seals them again from the then-current head.</summary>
    private void ForgetSealed()
    {
        foreach (var audit in SealedAuditEvents)
        {
            Entry(audit).State = EntityState.Detached;
        }
        SealedAuditEvents.Clear();
        foreach (var announced in AnnouncedWebhookEvents)
        {
            Entry(announced).State = EntityState.Detached;
        }
        AnnouncedWebhookEvents.Clear();
    }

    /// <summary>After a successful save, what it recorded is no longer pending.</summary>
    private void Settle()
    {
        if (SealedAuditEvents.Count == 0)
        {
            return;
        }
        PendingAuditEvents.RemoveAll(SealedAuditEvents.Contains);
        SealedAuditEvents.Clear();
        AnnouncedWebhookEvents.Clear();
        foreach (var entry in ChangeTracker.Entries<IAuditedEntity>())
        {
            entry.Entity.ClearPendingAuditAction();
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }
}
