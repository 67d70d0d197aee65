using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Access;
using Portal.Domain.Flags;
using Portal.Domain.Inventory;
using Portal.Domain.Ownership;
using Portal.Domain.Teams;
using Portal.Web.Features.Shared;

namespace Portal.Web.Features.Flags;

/// <summary>Reads flags (lists, the attention dashboard, a model's), and acts on them (acknowledge, snooze); rules and scans in the partial files.</summary>
public sealed partial class FlagService(IDbContextFactory<PortalDbContext> dbFactory, AccessGuard guard, AuditRecorder audit,
    FlagRuleCatalog catalog, FlagScanner scanner, FlagScanRequests scanRequests, TimeProvider clock)
{
    /// <summary>The attention list shows at most this many flags (the most severe and oldest first); counts cover all.</summary>
    public const int AttentionListLimit = 500;

    private const int TrendDays = 30;

    public async Task<PagedResult<FlagView>> ListAsync(Actor actor, FlagQuery query, CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, Permission.ReadModels, "flags", cancellationToken);
        var (page, pageSize) = Paging.Normalize(query.Page, query.PageSize);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = Rows(db);
        rows = query.Status switch
        {
            FlagStatus.Open => rows.Where(r => r.Flag.ResolvedAt == null),
            FlagStatus.Resolved => rows.Where(r => r.Flag.ResolvedAt != null),
            _ => rows,
        };
        if (!string.IsNullOrWhiteSpace(query.Rule))
        {
            var rule = query.Rule.Trim().ToLowerInvariant();
            rows = rows.Where(r => r.Flag.Rule == rule);
        }
        if (!string.IsNullOrWhiteSpace(query.Model))
        {
            var key = ModelRules.NormalizeKey(query.Model);
            rows = rows.Where(r => r.KeyNormalized == key);
        }
        if (!string.IsNullOrWhiteSpace(query.Team))
        {
            // LIKE without wildcards: equality regardless of case on both providers.
            var team = LikePattern.Escape(query.Team.Trim());
            rows = rows.Where(r => EF.Functions.Like(r.Team, team, LikePattern.EscapeCharacter));
        }
        var total = await rows.CountAsync(cancellationToken);
        var items = await rows.OrderByDescending(r => r.Flag.RaisedAt).ThenByDescending(r => r.Flag.Id)
            .Skip(Paging.Offset(page, pageSize)).Take(pageSize).ToListAsync(cancellationToken);
        return new PagedResult<FlagView>(await ViewsAsync(db, actor, items, cancellationToken), total);
    }

    /// <summary>The open flags of one model, for its page.</summary>
    public async Task<IReadOnlyList<FlagView>> ModelFlagsAsync(Actor actor, string key, CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, Permission.ReadModels, $"flags of model {key}", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var normalized = ModelRules.NormalizeKey(key ?? "");
        var rows = await Rows(db).Where(r => r.KeyNormalized == normalized && r.Flag.ResolvedAt == null).ToListAsync(cancellationToken);
        return await ViewsAsync(db, actor, [.. rows.OrderByDescending(r => r.Flag.Severity).ThenBy(r => r.Flag.Since)], cancellationToken);
    }

    /// <summary>
    /// What needs the reader's attention: for compliance, auditors and Admins every open flag; for anyone else the flags of
    /// the teams they manage and of the models they own. Snoozed flags are counted apart and listed only when asked.
    /// </summary>
    public async Task<AttentionView> AttentionAsync(Actor actor, bool includeSnoozed = false, CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, Permission.ReadModels, "attention dashboard", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var everything = FlagAccess.SeesEverything(actor);
        var rows = Rows(db).Where(r => r.Flag.ResolvedAt == null);
        if (!everything)
        {
            var managed = await ManagedTeamsAsync(db, actor, cancellationToken);
            var owned = db.OwnershipAssignments.Where(a => a.EndedAt == null && a.OwnerSubject == actor.Id).Select(a => a.ModelId);
            rows = rows.Where(r => managed.Contains(r.Team.ToUpper()) || owned.Contains(r.Flag.ModelId));
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var open = await rows.ToListAsync(cancellationToken);
        var awake = open.Where(r => !r.Flag.IsSnoozedAt(now)).ToList();
        var listed = (includeSnoozed ? open : awake)
            .OrderByDescending(r => r.Flag.Severity).ThenBy(r => r.Flag.Since).ThenBy(r => r.Flag.Id).Take(AttentionListLimit).ToList();
        var (trend, lastScan) = await TrendAsync(db, now, cancellationToken);
        return new AttentionView(
            await ViewsAsync(db, actor, listed, cancellationToken),
            awake.Count,
            open.Count - awake.Count,
            awake.GroupBy(r => r.Flag.Rule).ToDictionary(g => g.Key, g => g.Count()),
            awake.GroupBy(r => r.Team).OrderByDescending(g => g.Count()).ToDictionary(g => g.Key, g => g.Count()),
            trend,
            await RuleViewsAsync(db, cancellationToken),
            everything,
            lastScan);
    }

    /// <summary>Open flags per rule after the last scan of each of the last days (scan history, all models).</summary>
    private static async Task<(IReadOnlyList<TrendPoint> Trend, DateTime? LastScan)> TrendAsync(PortalDbContext db, DateTime now,
        CancellationToken cancellationToken)
    {
        var from = now.Date.AddDays(-TrendDays);
        var scans = await db.FlagScans.AsNoTracking().Where(s => s.StartedAt >= from).OrderBy(s => s.StartedAt).ToListAsync(cancellationToken);
        var trend = scans.GroupBy(s => s.StartedAt.Date).Select(g => new TrendPoint(g.Key, g.Last().OpenByRule)).ToList();
        var last = scans.Count > 0
            ? scans[^1].FinishedAt
            : await db.FlagScans.AsNoTracking().OrderByDescending(s => s.Id).Select(s => (DateTime?)s.FinishedAt).FirstOrDefaultAsync(cancellationToken);
        return (trend, last);
    }

    private static async Task<List<string>> ManagedTeamsAsync(PortalDbContext db, Actor actor, CancellationToken cancellationToken) =>
        !actor.Roles.Contains(PortalRoles.Manager)
            ? []
            : await db.Teams.AsNoTracking().Where(t => t.Members.Any(m => m.Subject == actor.Id && m.IsManager))
                .Select(t => t.NameNormalized).ToListAsync(cancellationToken);

    /// <summary>Flags joined to their model's current name, team and tier.</summary>
    private static IQueryable<FlagRow> Rows(PortalDbContext db) =>
        from f in db.Flags.AsNoTracking()
        join m in db.Models.AsNoTracking() on f.ModelId equals m.Id
        select new FlagRow { Flag = f, ModelName = m.Name, Team = m.Team, RiskTier = m.RiskTier, KeyNormalized = m.KeyNormalized };

    /// <summary>Adds who must act (team managers or active owners) and whether the reader may act, in two queries for the whole list.</summary>
    private async Task<IReadOnlyList<FlagView>> ViewsAsync(PortalDbContext db, Actor actor, IReadOnlyList<FlagRow> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return [];
        }
        var teams = await db.Teams.AsNoTracking().ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.Flag.ModelId).Distinct().ToList();
        var owners = (await db.OwnershipAssignments.AsNoTracking().Where(a => a.EndedAt == null && ids.Contains(a.ModelId))
            .Select(a => new { a.ModelId, a.OwnerSubject, a.OwnerName, a.Role }).ToListAsync(cancellationToken))
            .OrderBy(a => a.Role).ToLookup(a => a.ModelId);
        var settings = await catalog.SettingsAsync(db, cancellationToken);
        return [.. rows.Select(r =>
        {
            var managers = teams.Where(t => t.NameNormalized == Team.Normalize(r.Team)).SelectMany(t => t.Members).Where(m => m.IsManager).ToList();
            var modelOwners = owners[r.Flag.ModelId].ToList();
            var mustAct = r.Flag.WhoActs == FlagActors.TeamManagers ? managers.Select(m => m.Name) : modelOwners.Select(o => o.OwnerName);
            var canAct = actor.Can(Permission.ActOnFlags) && FlagAccess.CanActOn(actor, r.Flag,
                managers.Any(m => m.Subject == actor.Id), modelOwners.Any(o => o.OwnerSubject == actor.Id));
            var canAssign = actor.Can(Permission.AssignOwners)
                && TeamScope.CanManageModelsOf(actor, r.Team, teams.Where(t => t.NameNormalized == Team.Normalize(r.Team)));
            var f = r.Flag;
            return new FlagView(f.Id, f.Rule, catalog.Find(f.Rule)?.Title ?? f.Rule, f.ModelKey, r.ModelName, r.Team, r.RiskTier, f.Severity,
                f.Detail, f.Since, f.RaisedAt, f.ResolvedAt, f.WhoActs, [.. mustAct], f.AcknowledgedBy, f.AcknowledgedAt, f.SnoozedUntil,
                f.SnoozeReason, f.SnoozedBy, settings.TryGetValue(f.Rule, out var s) && s.BlocksReleases, canAct, canAssign);
        })];
    }

    /// <summary>Member-initialised (not positional) so that EF Core can keep filtering after the projection.</summary>
    private sealed class FlagRow
    {
        public required Flag Flag { get; init; }
        public required string ModelName { get; init; }
        public required string Team { get; init; }
        public required RiskTier RiskTier { get; init; }
        public required string KeyNormalized { get; init; }
    }
}
