using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Flags;
using Portal.Domain.Inventory;
using Portal.Domain.Versions;

namespace Portal.Web.Features.Flags;

/// <summary>
/// Fills one kind of fact for every model at once: ONE (or a few) bulk queries, never one per model. Other features
/// (fairness, releases, approvals) add theirs with <c>services.AddSingleton&lt;IModelFactsContributor, ...&gt;()</c>.
/// Contributors run at the same time, each on a context of its own, so each sets only the facts of its own kind.
/// </summary>
public interface IModelFactsContributor
{
    /// <summary>The fact kind it provides (<see cref="FactKinds"/>); rules needing a kind nobody provides are not evaluated.</summary>
    string Provides { get; }

    Task ContributeAsync(PortalDbContext db, IReadOnlyDictionary<int, ModelFacts> facts, CancellationToken cancellationToken);
}

/// <summary>
/// Builds the facts of every model that is not retired: one query for the models, then every contributor at once, each on a
/// context of its own, so that their queries overlap on the cores there are instead of running one after another.
/// </summary>
public sealed class ModelFactsLoader(IEnumerable<IModelFactsContributor> contributors, IDbContextFactory<PortalDbContext> dbFactory)
{
    public async Task<(IReadOnlyDictionary<int, ModelFacts> Facts, ISet<string> Known)> LoadAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        var rows = await db.Models.AsNoTracking().Where(m => m.Status != LifecycleStatus.Retired)
            .Select(m => new { m.Id, m.Key, m.Team, m.RiskTier, m.Status, m.RegisteredAt })
            .ToListAsync(cancellationToken);
        var facts = rows.ToDictionary(m => m.Id, m => new ModelFacts(m.Id, m.Key, m.Team, m.RiskTier, m.Status, m.RegisteredAt));
        await Task.WhenAll(contributors.Select(contributor => ContributeAsync(contributor, facts, cancellationToken)));
        return (facts, contributors.Select(c => c.Provides).ToHashSet(StringComparer.Ordinal));
    }

    private async Task ContributeAsync(IModelFactsContributor contributor, IReadOnlyDictionary<int, ModelFacts> facts, CancellationToken cancellationToken)
    {
        // Off the caller's thread at once: SQLite's provider runs a query synchronously even when it is awaited, so without this
        // the contributors would run one after another.
        await Task.Yield();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await contributor.ContributeAsync(db, facts, cancellationToken);
    }
}

/// <summary>Active owner roles with whether each person is still active in the user directory, and when a role last ended.</summary>
public sealed class OwnershipFactsContributor : IModelFactsContributor
{
    public string Provides => FactKinds.Ownership;

    public async Task ContributeAsync(PortalDbContext db, IReadOnlyDictionary<int, ModelFacts> facts, CancellationToken cancellationToken)
    {
        // A person missing from the directory is not known to have left, so they count as active.
        var owners = await (
            from a in db.OwnershipAssignments.AsNoTracking()
            where a.EndedAt == null
            join u in db.Users.AsNoTracking() on a.OwnerSubject equals u.Subject into people
            from u in people.DefaultIfEmpty()
            select new { a.ModelId, a.OwnerSubject, a.OwnerName, a.Role, a.AssignedAt, a.AcknowledgedAt, Active = u == null || u.IsActive })
            .ToListAsync(cancellationToken);
        foreach (var o in owners)
        {
            if (facts.TryGetValue(o.ModelId, out var model))
            {
                model.Owners.Add(new OwnerFact(o.OwnerSubject, o.OwnerName, o.Role, o.Active, o.AssignedAt, o.AcknowledgedAt));
            }
        }
        var ended = await db.OwnershipAssignments.AsNoTracking().Where(a => a.EndedAt != null)
            .GroupBy(a => a.ModelId).Select(g => new { ModelId = g.Key, Last = g.Max(a => a.EndedAt) })
            .ToListAsync(cancellationToken);
        foreach (var e in ended)
        {
            if (facts.TryGetValue(e.ModelId, out var model))
            {
                model.LastOwnershipEndedAt = e.Last;
            }
        }
    }
}

/// <summary>The newest version of each model and the version in production (and since when).</summary>
public sealed class VersionFactsContributor : IModelFactsContributor
{
    public string Provides => FactKinds.Versions;

    public async Task ContributeAsync(PortalDbContext db, IReadOnlyDictionary<int, ModelFacts> facts, CancellationToken cancellationToken)
    {
        var latest = await db.ModelVersions.AsNoTracking().GroupBy(v => v.ModelId)
            .Select(g => new { ModelId = g.Key, Last = g.Max(v => v.RegisteredAt) })
            .ToListAsync(cancellationToken);
        foreach (var v in latest)
        {
            if (facts.TryGetValue(v.ModelId, out var model))
            {
                model.LastVersionAt = v.Last;
            }
        }
        var production = await db.ModelVersions.AsNoTracking().Where(v => v.Stage == VersionStage.Production)
            .Select(v => new { v.ModelId, v.Id, v.StageChangedAt, v.RegisteredAt })
            .ToListAsync(cancellationToken);
        foreach (var v in production)
        {
            if (facts.TryGetValue(v.ModelId, out var model))
            {
                model.ProductionVersionId = v.Id;
                model.ProductionSince = v.StageChangedAt ?? v.RegisteredAt;
            }
        }
    }
}
