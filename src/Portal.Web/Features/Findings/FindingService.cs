using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Access;
using Portal.Domain.Findings;
using Portal.Domain.Inventory;
using Portal.Domain.Releases;
using Portal.Web.Features.Ownership;
using Portal.Web.Features.Shared;

namespace Portal.Web.Features.Findings;

/// <summary>
/// Findings on models, tracked to closure. Reads are for whoever may read models; every change is checked here
/// (<see cref="FindingAccess"/>: roles, separation of duties, a token's team scope), refused changes are audited as
/// Access.Denied, and each change is audited with its values before and after by the interceptor.
/// </summary>
public sealed partial class FindingService(IDbContextFactory<PortalDbContext> dbFactory, AccessGuard guard, ModelWriteGuard writes,
    FindingNotifications notifications, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private DateOnly Today => DateOnly.FromDateTime(Now);

    public async Task<FindingView> RaiseAsync(Actor actor, string modelKey, FindingDetails details, CancellationToken cancellationToken = default)
    {
        var target = $"findings of {modelKey}";
        await guard.EnsureAsync(actor, Permission.RaiseFinding, target, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var model = await ModelAsync(db, modelKey, cancellationToken);
        var people = await ModelWriteGuard.PeopleAsync(db, model, cancellationToken);
        if (FindingAccess.RaiseProblem(actor, people, details.RemediationOwner ?? "") is { } problem)
        {
            await writes.RefuseAsync(actor, Permission.RaiseFinding, target, problem, model.Key, cancellationToken);
        }
        Reject(FindingRules.Validate(details, Today));
        if (model.Status == LifecycleStatus.Retired)
        {
            throw new ConflictException($"{model.Key} is retired; findings are raised on models in use.");
        }
        var owner = await PeopleDirectory.FindAsync(db, details.RemediationOwner, cancellationToken);
        if (owner is not { IsActive: true })
        {
            throw InputRejectedException.For("remediationOwner", owner is null
                ? $"Nobody in the user directory has the subject '{details.RemediationOwner!.Trim()}'; pick the remediation owner from the directory."
                : $"{owner.Name} is deactivated; pick an active person as the remediation owner.");
        }
        var finding = Finding.Raise(model.Id, model.Key, details, owner.Name, actor.Id, actor.Name, Now);
        db.Findings.Add(finding);
        db.Actor = actor;
        await db.SaveChangesAsync(cancellationToken);
        await notifications.RaisedAsync(finding, people, actor, cancellationToken);
        return FindingView.From(finding, model.Team, Today);
    }

    public async Task<PagedResult<FindingView>> ListAsync(Actor actor, FindingQuery query, CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, Permission.ReadModels, "findings", cancellationToken);
        var (page, size) = Paging.Normalize(query.Page, query.PageSize);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var findings = Filtered(db, query);
        var total = await findings.CountAsync(cancellationToken);
        // Those still to act on first (closed last), the earliest due first within each.
        var rows = await findings.OrderBy(f => f.Status == FindingStatus.Closed).ThenBy(f => f.DueDate).ThenBy(f => f.RaisedAt).ThenBy(f => f.Id)
            .Skip(Paging.Offset(page, size)).Take(size).ToListAsync(cancellationToken);
        return new PagedResult<FindingView>(await ViewsAsync(db, rows, cancellationToken), total);
    }

    /// <summary>One model's findings; an unknown model is a 404 rather than an empty list.</summary>
    public async Task<PagedResult<FindingView>> ListForModelAsync(Actor actor, string modelKey, FindingQuery query, CancellationToken cancellationToken = default)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            await ModelAsync(db, modelKey, cancellationToken);
        }
        return await ListAsync(actor, query with { ModelKey = modelKey }, cancellationToken);
    }

    public async Task<FindingView> GetAsync(Actor actor, Guid id, CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, Permission.ReadModels, $"finding {id}", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var finding = await db.Findings.AsNoTracking().SingleOrDefaultAsync(f => f.Id == id, cancellationToken)
            ?? throw new NotFoundException($"There is no finding {id}.");
        return (await ViewsAsync(db, [finding], cancellationToken)).Single();
    }

    /// <summary>
    /// For the evidence package: the model's findings that were not yet closed at some moment of the range (raised by its end,
    /// closed after its start or not at all), oldest first; the whole history when no range is given.
    /// </summary>
    public async Task<IReadOnlyList<FindingView>> ForModelAsync(Actor actor, string modelKey, DateTimeOffset? from, DateTimeOffset? to,
        CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, Permission.ReadModels, $"findings of {modelKey}", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var model = await ModelAsync(db, modelKey, cancellationToken);
        var findings = db.Findings.AsNoTracking().Where(f => f.ModelId == model.Id);
        if (to?.UtcDateTime is { } end)
        {
            findings = findings.Where(f => f.RaisedAt <= end);
        }
        if (from?.UtcDateTime is { } start)
        {
            findings = findings.Where(f => f.ClosedAt == null || f.ClosedAt >= start);
        }
        var rows = await findings.OrderBy(f => f.RaisedAt).ThenBy(f => f.Id).ToListAsync(cancellationToken);
        return [.. rows.Select(f => FindingView.From(f, model.Team, Today))];
    }

    /// <summary>The findings that wait for the actor to remediate them, the earliest due first.</summary>
    public async Task<IReadOnlyList<FindingView>> ToRemediateAsync(Actor actor, int take, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var mine = db.Findings.AsNoTracking()
            .Where(f => f.RemediationOwner == actor.Id && (f.Status == FindingStatus.Open || f.Status == FindingStatus.Reopened))
            .OrderBy(f => f.DueDate).Take(take);
        return await ViewsAsync(db, await mine.ToListAsync(cancellationToken), cancellationToken);
    }

    /// <summary>Remediated findings the actor may judge: not their own remediation, not on a model they own.</summary>
    public async Task<IReadOnlyList<FindingView>> ToCloseAsync(Actor actor, int take, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var owned = db.OwnershipAssignments.Where(a => a.OwnerSubject == actor.Id && a.EndedAt == null).Select(a => a.ModelId);
        var waiting = db.Findings.AsNoTracking()
            .Where(f => f.Status == FindingStatus.Remediated && f.RemediationOwner != actor.Id && f.RemediatedBy != actor.Id && !owned.Contains(f.ModelId))
            .OrderBy(f => f.RemediatedAt).Take(take);
        return await ViewsAsync(db, await waiting.ToListAsync(cancellationToken), cancellationToken);
    }

    /// <summary>Which actions the actor would be allowed on the finding; for buttons, not audited.</summary>
    public async Task<FindingRights> RightsAsync(Actor actor, Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var finding = await db.Findings.AsNoTracking().SingleOrDefaultAsync(f => f.Id == id, cancellationToken);
        if (finding is null)
        {
            return new FindingRights(false, false, false);
        }
        var model = await db.Models.AsNoTracking().SingleAsync(m => m.Id == finding.ModelId, cancellationToken);
        var people = await ModelWriteGuard.PeopleAsync(db, model, cancellationToken);
        var mayDecide = FindingAccess.DecideProblem(actor, finding, people, closing: true) is null;
        var mayReassign = finding.AwaitsRemediation && actor.Can(Permission.ReassignFinding)
            && FindingAccess.ReassignProblem(actor, finding, people, await ManagesPrimaryOwnerAsync(db, actor, model, cancellationToken)) is null;
        return new FindingRights(finding.AwaitsRemediation && FindingAccess.RemediateProblem(actor, finding) is null,
            mayDecide && finding.Status == FindingStatus.Remediated, mayDecide && !finding.AwaitsRemediation, mayReassign);
    }

    /// <summary>Whether the actor may raise a finding on the model; for the button, not audited.</summary>
    public async Task<bool> CanRaiseAsync(Actor actor, string modelKey, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var model = await ModelAsync(db, modelKey, cancellationToken);
        return model.Status != LifecycleStatus.Retired
            && FindingAccess.RaiseProblem(actor, await ModelWriteGuard.PeopleAsync(db, model, cancellationToken), "") is null;
    }

    // Keys and team names compare regardless of case; EF translates ToUpper to SQL UPPER.
#pragma warning disable CA1862
    private static IQueryable<Finding> Filtered(PortalDbContext db, FindingQuery query)
    {
        var findings = db.Findings.AsNoTracking();
        if (query.Status is { } status)
        {
            findings = findings.Where(f => f.Status == status);
        }
        if (query.Severity is { } severity)
        {
            findings = findings.Where(f => f.Severity == severity);
        }
        if (!string.IsNullOrWhiteSpace(query.ModelKey))
        {
            var key = ModelRules.NormalizeKey(query.ModelKey);
            findings = findings.Where(f => db.Models.Any(m => m.Id == f.ModelId && m.KeyNormalized == key));
        }
        if (!string.IsNullOrWhiteSpace(query.Team))
        {
            var team = Domain.Teams.Team.Normalize(query.Team);
            findings = findings.Where(f => db.Models.Any(m => m.Id == f.ModelId && m.Team.ToUpper() == team));
        }
        return findings;
    }
#pragma warning restore CA1862

    /// <summary>The findings as views, with their models' teams as they are now (read in one query).</summary>
    private async Task<IReadOnlyList<FindingView>> ViewsAsync(PortalDbContext db, IReadOnlyList<Finding> findings, CancellationToken cancellationToken)
    {
        var ids = findings.Select(f => f.ModelId).Distinct().ToList();
        var teams = await db.Models.AsNoTracking().Where(m => ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.Team, cancellationToken);
        return [.. findings.Select(f => FindingView.From(f, teams[f.ModelId], Today))];
    }

    private static async Task<Model> ModelAsync(PortalDbContext db, string key, CancellationToken cancellationToken)
    {
        var normalized = ModelRules.NormalizeKey(key ?? "");
        return await db.Models.AsNoTracking().SingleOrDefaultAsync(m => m.KeyNormalized == normalized, cancellationToken)
            ?? throw new NotFoundException($"No model has the key '{key}'.");
    }

    private static void Reject(Dictionary<string, string[]> errors)
    {
        if (errors.Count > 0)
        {
            throw new InputRejectedException(errors);
        }
    }
}
