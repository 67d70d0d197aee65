using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Access;
using Portal.Domain.Flags;
using Portal.Web.Features.Shared;

namespace Portal.Web.Features.Flags;

public sealed partial class FlagService
{
    private static readonly TimeSpan ScanNowWait = TimeSpan.FromSeconds(30);

    public async Task<IReadOnlyList<RuleView>> RulesAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, Permission.ReadModels, "flag rules", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await RuleViewsAsync(db, cancellationToken);
    }

    /// <summary>An Admin turns a rule on or off, or changes its severity, blocking or thresholds. Audited; a scan follows soon.</summary>
    public async Task<RuleView> UpdateRuleAsync(Actor actor, string rule, RuleSettingsRequest request, CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, Permission.ManageFlagRules, $"flag rule {rule}", cancellationToken);
        var known = catalog.Find(rule) ?? throw new NotFoundException($"No flag rule is named '{rule}'; the rules are {string.Join(", ", catalog.Rules.Select(r => r.Name))}.");
        var errors = RuleSettings.Validate(known, request.Thresholds);
        FlagSeverity? severity = null;
        if (request.Severity is { } text)
        {
            if (Enum.TryParse<FlagSeverity>(text.Trim(), ignoreCase: true, out var parsed) && !int.TryParse(text, out _))
            {
                severity = parsed;
            }
            else
            {
                errors["severity"] = [$"'{text}' is not valid; use one of {string.Join(", ", Enum.GetNames<FlagSeverity>())}."];
            }
        }
        if (errors.Count > 0)
        {
            throw new InputRejectedException(errors);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var stored = await db.FlagRuleSettings.SingleOrDefaultAsync(s => s.Rule == known.Name, cancellationToken);
        var current = stored?.ToSettings() ?? RuleSettings.DefaultsOf(known);
        var thresholds = new Dictionary<string, int>(current.Thresholds);
        foreach (var (key, days) in request.Thresholds ?? [])
        {
            thresholds[key] = days;
        }
        var changed = new RuleSettings(request.Enabled ?? current.Enabled, severity ?? current.Severity, request.BlocksReleases ?? current.BlocksReleases, thresholds);
        var now = clock.GetUtcNow().UtcDateTime;
        if (stored is null)
        {
            db.FlagRuleSettings.Add(FlagRuleSetting.Create(known.Name, changed, actor.Name, now));
        }
        else
        {
            stored.Change(changed, actor.Name, now);
        }
        db.Actor = actor;
        await db.SaveChangesAsync(cancellationToken);
        scanRequests.RequestScan($"rule {known.Name} changed");
        return (await RuleViewsAsync(db, cancellationToken)).Single(r => r.Name == known.Name);
    }

    /// <summary>An Admin runs a scan now, waiting (a while) for a scan in progress elsewhere to finish first.</summary>
    public async Task<FlagScanSummary> ScanNowAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, Permission.ManageFlagRules, "flag scan", cancellationToken);
        var deadline = clock.GetUtcNow() + ScanNowWait;
        while (true)
        {
            if (await scanner.ScanAsync($"run by {actor.Name}", cancellationToken) is { } summary)
            {
                return summary;
            }
            if (clock.GetUtcNow() >= deadline)
            {
                throw new ConflictException("Another scan is still running; its results will show when it finishes. Try again in a minute.");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }
    }

    private async Task<IReadOnlyList<RuleView>> RuleViewsAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        var settings = await catalog.SettingsAsync(db, cancellationToken);
        return [.. catalog.Rules.Select(r =>
        {
            var s = settings[r.Name];
            return new RuleView(r.Name, r.Title, r.WhoActs, s.Enabled, s.Severity, s.BlocksReleases,
                [.. r.Thresholds.Select(t => new ThresholdView(t.Key, t.Label, t.DefaultDays, s.Days(r, t.Key)))],
                r.RequiredFacts.All(catalog.KnownFacts.Contains));
        })];
    }
}
