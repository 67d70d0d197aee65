using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Access;
using Portal.Domain.Outputs;
using Portal.Web.Features.Shared;

namespace Portal.Web.Features.Outputs;

/// <summary>
/// The output policy (versioned, audited, changed by an Admin) and the column tags. The policy in force is cached and
/// re-read at most every few seconds, so another instance's change reaches this one within <see cref="RefreshAfter"/>;
/// a change made here applies at once, and a read decision, which reads the newest version in its own query, never uses an older one.
/// </summary>
public sealed class OutputPolicyService(IDbContextFactory<PortalDbContext> dbFactory, AccessGuard guard, TimeProvider clock)
{
    public static readonly TimeSpan RefreshAfter = TimeSpan.FromSeconds(5);

    private volatile Cached? cached;

    private sealed record Cached(OutputPolicy Policy, IReadOnlySet<string> Tags, DateTimeOffset LoadedAt);

    public async Task<OutputPolicy> InForceAsync(CancellationToken cancellationToken) => (await LoadAsync(cancellationToken)).Policy;

    /// <summary>
    /// The policy in force when the database's newest version is <paramref name="newestVersion"/> (read by the caller in its own
    /// query): a cached policy older than that is read again, so a change on another instance binds the very next decision here.
    /// </summary>
    public async Task<OutputPolicy> InForceAsync(int newestVersion, CancellationToken cancellationToken)
    {
        var policy = await InForceAsync(cancellationToken);
        if (policy.Version >= newestVersion)
        {
            return policy;
        }
        cached = null;
        return await InForceAsync(cancellationToken);
    }

    /// <summary>Built-in tags and those an Admin defined.</summary>
    public async Task<IReadOnlySet<string>> KnownTagsAsync(CancellationToken cancellationToken) => (await LoadAsync(cancellationToken)).Tags;

    public async Task<OutputPolicyView> CurrentAsync(Actor actor, CancellationToken cancellationToken)
    {
        await guard.EnsureAsync(actor, Permission.ReadOutputs, "output policy", cancellationToken);
        var current = await LoadAsync(cancellationToken);
        return OutputPolicyView.From(current.Policy, current.Tags);
    }

    public async Task<OutputPolicyView> ChangeAsync(Actor actor, OutputPolicyChange change, CancellationToken cancellationToken)
    {
        await guard.EnsureAsync(actor, Permission.ManageOutputPolicies, "output policy", cancellationToken);
        var known = await KnownTagsAsync(cancellationToken);
        var errors = OutputPolicy.Validate(change.Readers, change.Masks, change.Reason, known);
        if (errors.Count > 0)
        {
            throw new InputRejectedException(errors);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var current = await CurrentFromAsync(db, cancellationToken);
        if (current.Version != change.ExpectedVersion)
        {
            throw Stale(current);
        }
        var next = current.Next(change.Readers!, change.Masks!, actor.Name, change.Reason, clock.GetUtcNow().UtcDateTime);
        db.OutputPolicies.Add(next);
        db.Actor = actor;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            cached = null;
            throw Stale(await InForceAsync(cancellationToken));
        }
        cached = null;
        return OutputPolicyView.From(next, known);
    }

    public async Task<OutputPolicyView> DefineTagAsync(Actor actor, string name, string? description, CancellationToken cancellationToken)
    {
        await guard.EnsureAsync(actor, Permission.ManageOutputPolicies, "output tags", cancellationToken);
        var tag = OutputTags.Normalize(name ?? "");
        if (OutputTags.Problem(tag) is { } problem)
        {
            throw InputRejectedException.For("name", problem);
        }
        if (description?.Length > OutputTagDefinition.DescriptionMaxLength || Domain.QueryText.HasControlCharacter(description))
        {
            throw InputRejectedException.For("description", $"The description is at most {OutputTagDefinition.DescriptionMaxLength} characters without control characters.");
        }
        if ((await KnownTagsAsync(cancellationToken)).Contains(tag))
        {
            throw new ConflictException($"The tag '{tag}' is already defined.");
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.OutputTags.Add(OutputTagDefinition.Define(tag, description, actor.Name, clock.GetUtcNow().UtcDateTime));
        db.Actor = actor;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            throw new ConflictException($"The tag '{tag}' is already defined.");
        }
        finally
        {
            cached = null;
        }
        var current = await LoadAsync(cancellationToken);
        return OutputPolicyView.From(current.Policy, current.Tags);
    }

    private async Task<Cached> LoadAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (cached is { } hit && now - hit.LoadedAt < RefreshAfter)
        {
            return hit;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var policy = await CurrentFromAsync(db, cancellationToken);
        var custom = await db.OutputTags.AsNoTracking().Select(t => t.Name).ToListAsync(cancellationToken);
        var fresh = new Cached(policy, OutputTags.BuiltIn.Concat(custom).ToHashSet(StringComparer.Ordinal), now);
        cached = fresh;
        return fresh;
    }

    private static async Task<OutputPolicy> CurrentFromAsync(PortalDbContext db, CancellationToken cancellationToken) =>
        await db.OutputPolicies.AsNoTracking().OrderByDescending(p => p.Version).FirstOrDefaultAsync(cancellationToken) ?? OutputPolicy.Default();

    private static ConflictException Stale(OutputPolicy current) => new(
        $"The output policy was changed by {current.ChangedBy} since you read it (now version {current.Version}). Reload it, then decide again.");
}

public sealed record OutputPolicyChange(int ExpectedVersion, IReadOnlyList<ClassificationRule>? Readers, IReadOnlyList<TagMask>? Masks, string? Reason);

public sealed record OutputPolicyView(int Version, DateTime? EffectiveFrom, string ChangedBy, string? Reason, IReadOnlyList<ClassificationRule> Readers,
    IReadOnlyList<TagMask> Masks, IReadOnlyList<string> Tags)
{
    public static OutputPolicyView From(OutputPolicy policy, IReadOnlySet<string> tags) => new(policy.Version,
        policy.Version == 0 ? null : policy.EffectiveFrom, policy.ChangedBy, policy.Reason, policy.Readers, policy.Masks, [.. tags.Order(StringComparer.Ordinal)]);
}
