using System.Text.Json;
using Humanizer;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Access;
using Portal.Domain.Audit;
using Portal.Domain.Inventory;
using Portal.Domain.Ownership;
using Portal.Domain.Releases;
using Portal.Web.Features.Findings;
using Portal.Web.Features.Audits;
using Portal.Web.Features.Ownership;
using Portal.Web.Features.Releases;
using Portal.Web.Features.Shared;

namespace Portal.Web.Features.Dashboard;

/// <summary>One thing on a person's home page that asks for them, with a link to the exact record.</summary>
public sealed record HomeItem(string Title, string Detail, string Link);

/// <summary>A role's section of the home page; <see cref="Empty"/> says in words that nothing waits.</summary>
public sealed record HomeSection(string Id, string Role, string Title, string Empty, IReadOnlyList<HomeItem> Items);

/// <summary>
/// Each role's home leads with its own work, scoped to the person: reviewers what awaits their signature and open gate
/// exceptions; managers their teams' orphaned and unacknowledged models; engineers their models' flags, their pending requests
/// with failing gates and their requests returned; auditors the last chain verification and open requests; Admins system health.
/// Someone with several roles gets every section. Each section reads a bounded list in a few queries.
/// </summary>
public sealed class HomeService(IDbContextFactory<PortalDbContext> dbFactory, AccessGuard guard, ReleaseService releases, OwnershipService ownership,
    TimeProvider clock, FindingHomeSections findings, AuditRequestService audits)
{
    public const int Listed = 8;
    private const int GateChecks = 5;

    public async Task<IReadOnlyList<HomeSection>> SectionsAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, Permission.ReadModels, "your home page", cancellationToken);
        var sections = new List<HomeSection>();
        if (actor.Roles.Contains(PortalRoles.ComplianceReviewer))
        {
            sections.Add(await ReviewerAsync(actor, cancellationToken));
            sections.Add(await findings.ToCloseAsync(actor, cancellationToken));
        }
        if (actor.Roles.Contains(PortalRoles.Manager))
        {
            sections.Add(await ManagerAsync(actor, cancellationToken));
        }
        if (actor.Roles.Contains(PortalRoles.Engineer))
        {
            sections.Add(await EngineerAsync(actor, cancellationToken));
            sections.Add(await findings.ToRemediateAsync(actor, cancellationToken));
            sections.Add(await AuditItemsAsync(actor, cancellationToken));
        }
        if (actor.Roles.Contains(PortalRoles.Auditor))
        {
            sections.Add(await AuditorAsync(cancellationToken));
            sections.Add(await AuditRequestsAsync(actor, cancellationToken));
        }
        if (actor.Roles.Contains(PortalRoles.Admin))
        {
            sections.Add(await AdminAsync(cancellationToken));
        }
        return sections;
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private async Task<HomeSection> ReviewerAsync(Actor actor, CancellationToken cancellationToken)
    {
        var awaiting = (await releases.AwaitingMySignatureAsync(actor, cancellationToken)).Take(Listed).Select(r => new HomeItem(
            $"Release #{r.Id}: {r.ModelKey} {r.VersionLabel} → {r.TargetStage} awaits your signature",
            $"{r.RiskTier} risk · requested by {r.RequestedByName} on {PortalFormat.Date(r.RequestedAt)} · {"signature".ToQuantity(r.SignatureCount)} so far",
            ReleaseNotifications.Link(r.Id)));
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = Now;
        var exceptions = await db.GateExceptions.AsNoTracking()
            .Where(e => e.ExpiresAt > now && db.ReleaseRequests.Any(r => r.Id == e.RequestId && r.Status == ReleaseStatus.Pending))
            .OrderBy(e => e.ExpiresAt).Take(Listed).ToListAsync(cancellationToken);
        var open = exceptions.Select(e => new HomeItem($"Gate exception on release #{e.RequestId} ({e.ModelKey}): {e.Gate}",
            $"Recorded by {e.RecordedByName}, valid until {PortalFormat.Date(e.ExpiresAt)}", ReleaseNotifications.Link(e.RequestId)));
        return new HomeSection("home-reviewer", "Compliance reviewer", "Releases awaiting your signature and open gate exceptions",
            "No release awaits your signature and no gate exception is open.", [.. awaiting, .. open]);
    }

    private async Task<HomeSection> ManagerAsync(Actor actor, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var managed = await OwnershipScope.ManagedTeamNamesAsync(db, actor, cancellationToken) ?? new HashSet<string>();
        var names = managed.ToList();
        // Orphaned as the flag rule sees it: no primary owner, or one whom the directory has deactivated (they left).
        var orphaned = await db.Models.AsNoTracking()
            .Where(m => m.Status != LifecycleStatus.Retired && names.Contains(m.Team.ToUpper())
                && !db.OwnershipAssignments.Any(a => a.ModelId == m.Id && a.EndedAt == null && a.Role == OwnerRole.Primary
                    && !db.Users.Any(u => u.Subject == a.OwnerSubject && !u.IsActive)))
            .OrderBy(m => m.Key).Take(Listed).Select(m => new { m.Key, m.Team }).ToListAsync(cancellationToken);
        var unacknowledged = (await ownership.UnacknowledgedAsync(actor, cancellationToken)).Take(Listed);
        return new HomeSection("home-manager", "Manager", "Your teams' orphaned and unacknowledged models",
            "Every model of your teams has an acknowledged primary owner.",
            [
                .. orphaned.Select(m => new HomeItem($"{m.Key} has no active primary owner", $"Team {m.Team}: assign one", OwnershipNotifications.Link(m.Key))),
                .. unacknowledged.Select(o => new HomeItem($"{(o.OwnerSubject == actor.Id ? "You have" : o.OwnerName + " has")} not acknowledged {o.ModelKey}",
                    $"{o.Role} owner since {PortalFormat.Date(o.AssignedAt)}", OwnershipNotifications.Link(o.ModelKey))),
            ]);
    }

    private async Task<HomeSection> EngineerAsync(Actor actor, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var owned = db.OwnershipAssignments.Where(a => a.OwnerSubject == actor.Id && a.EndedAt == null).Select(a => a.ModelId);
        var flags = await db.Flags.AsNoTracking().Where(f => f.ResolvedAt == null && owned.Contains(f.ModelId))
            .OrderBy(f => f.ModelKey).ThenBy(f => f.Rule).Take(Listed).Select(f => new { f.ModelKey, f.Detail }).ToListAsync(cancellationToken);
        var returnedSince = Now.AddDays(-30);
        var mine = await db.ReleaseRequests.AsNoTracking()
            .Where(r => r.RequestedBy == actor.Id && (r.Status == ReleaseStatus.Pending || (r.Status == ReleaseStatus.Rejected && r.ClosedAt >= returnedSince)))
            .OrderByDescending(r => r.Id).Take(Listed).Select(r => new { r.Id, r.ModelKey, r.VersionLabel, r.TargetStage, r.Status, r.ClosedBy })
            .ToListAsync(cancellationToken);
        var items = new List<HomeItem>();
        // Gates read the database themselves; only the newest few pending requests are checked, so the page stays quick.
        foreach (var request in mine.Where(r => r.Status == ReleaseStatus.Pending).Take(GateChecks))
        {
            var failing = (await releases.GetAsync(actor, request.Id, cancellationToken)).Gates.Where(g => !g.Passed && !g.Excepted).ToList();
            if (failing.Count > 0)
            {
                items.Add(new HomeItem($"Release #{request.Id} of {request.ModelKey} {request.VersionLabel}: {"gate".ToQuantity(failing.Count)} failing",
                    string.Join("; ", failing.Select(g => g.Title)), ReleaseNotifications.Link(request.Id)));
            }
        }
        items.AddRange(mine.Where(r => r.Status == ReleaseStatus.Rejected).Select(r => new HomeItem(
            $"Release #{r.Id} of {r.ModelKey} {r.VersionLabel} was returned to you", $"Rejected by {r.ClosedBy}", ReleaseNotifications.Link(r.Id))));
        items.AddRange(flags.Select(f => new HomeItem($"{f.ModelKey} is flagged", f.Detail, $"/models/{Uri.EscapeDataString(f.ModelKey)}")));
        return new HomeSection("home-engineer", "Engineer", "Your models' failing gates, returned requests and flags",
            "Nothing of yours is failing, returned or flagged.", items);
    }

    private async Task<HomeSection> AuditorAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var pending = await db.ReleaseRequests.AsNoTracking().Where(r => r.Status == ReleaseStatus.Pending).OrderByDescending(r => r.Id).Take(Listed)
            .Select(r => new { r.Id, r.ModelKey, r.VersionLabel, r.TargetStage, r.RequestedByName }).ToListAsync(cancellationToken);
        return new HomeSection("home-auditor", "Auditor", "Chain verification and open release requests", "No release request is open.",
        [
            await LastVerificationAsync(db, cancellationToken),
            .. pending.Select(r => new HomeItem($"Release #{r.Id}: {r.ModelKey} {r.VersionLabel} → {r.TargetStage} is open",
                $"Requested by {r.RequestedByName}", ReleaseNotifications.Link(r.Id))),
        ]);
    }

    private async Task<HomeSection> AuditItemsAsync(Actor actor, CancellationToken cancellationToken)
    {
        var items = (await audits.ItemsToAnswerAsync(actor, cancellationToken)).Take(Listed).Select(i => new HomeItem(
            $"{(i.Overdue ? "Overdue: " : "")}question {i.Number} of \"{i.RequestTitle}\" ({i.ModelKey})",
            $"{(i.Status == Domain.Audits.AuditItemStatus.Returned ? "Returned for more" : "Waiting for your answer")} · due {PortalFormat.Date(i.DueAt)} · {i.Priority} priority",
            AuditNotifications.Link(i.RequestId)));
        return new HomeSection("home-audit-items", "Engineer", "Audit questions for you to answer", "No audit question waits for your answer.", [.. items]);
    }

    private async Task<HomeSection> AuditRequestsAsync(Actor actor, CancellationToken cancellationToken)
    {
        var open = await audits.ListAsync(actor, new AuditRequestQuery(Domain.Audits.AuditRequestStatus.Open, PageSize: Listed), cancellationToken);
        return new HomeSection("home-audit-requests", "Auditor", "Open audit requests", "No audit request is open.",
            [.. open.Items.Select(r => new HomeItem($"{(r.Overdue ? "Overdue: " : "")}{r.Title}",
                $"{r.AcceptedCount} of {"question".ToQuantity(r.ItemCount)} accepted · due {PortalFormat.Date(r.DueAt)} · asked by {r.RequestedByName}",
                AuditNotifications.Link(r.Id)))]);
    }

    private async Task<HomeSection> AdminAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var lastScan = await db.FlagScans.AsNoTracking().OrderByDescending(s => s.FinishedAt).Select(s => (DateTime?)s.FinishedAt).FirstOrDefaultAsync(cancellationToken);
        var soon = Now.AddDays(30);
        var now = Now;
        var expiring = await db.ServiceTokens.AsNoTracking().Where(t => t.RevokedAt == null && t.ExpiresAt > now && t.ExpiresAt <= soon)
            .OrderBy(t => t.ExpiresAt).Take(Listed).Select(t => new { t.Name, t.ExpiresAt }).ToListAsync(cancellationToken);
        IEnumerable<HomeItem> tokens = expiring.Count == 0
            ? [new HomeItem("No service token expires within 30 days", "Tokens are issued and revoked under Administration.", "/admin/service-tokens")]
            : expiring.Select(t => new HomeItem($"Service token {t.Name} expires {PortalFormat.Date(t.ExpiresAt)}", "Issue a new one before it lapses.",
                "/admin/service-tokens"));
        return new HomeSection("home-admin", "Admin", "System health", "",
        [
            new HomeItem(lastScan is { } at ? $"Last flag scan {PortalFormat.Timestamp(at)}" : "No flag scan has run yet", "Flags are raised and resolved by each scan.", "/attention"),
            await LastVerificationAsync(db, cancellationToken),
            .. tokens,
        ]);
    }

    private static async Task<HomeItem> LastVerificationAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        var last = await db.AuditEvents.AsNoTracking().Where(a => a.Action == AuditActions.AuditTrailVerified).OrderByDescending(a => a.Sequence)
            .Select(a => new { a.OccurredAt, a.ActorName, a.After }).FirstOrDefaultAsync(cancellationToken);
        if (last is null)
        {
            return new HomeItem("The audit chain has not been verified yet", "Verify it on the audit trail page.", "/audit-trail");
        }
        var intact = Intact(last.After);
        return new HomeItem($"Audit chain last verified {PortalFormat.Timestamp(last.OccurredAt)}: {(intact ? "intact" : "broken")}",
            $"By {last.ActorName}.", "/audit-trail");
    }

    private static bool Intact(string? after)
    {
        if (string.IsNullOrEmpty(after))
        {
            return false;
        }
        using var json = JsonDocument.Parse(after);
        return json.RootElement.EnumerateObject().Any(p => string.Equals(p.Name, "intact", StringComparison.OrdinalIgnoreCase) && p.Value.ValueKind == JsonValueKind.True);
    }
}
