using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Domain.Access;
using Portal.Domain.Flags;
using Portal.Web.Infrastructure.Telemetry;

namespace Portal.Web.Features.Flags;

/// <summary>
/// One full scan: take the lease, load every model's facts in a few bulk queries, compare with the open flags in memory,
/// save the changes in audited batches, record the scan, release the lease. Another instance's scan in progress means
/// this one is skipped. The queries do not grow with the number of models; the batches grow with the number of changes.
/// </summary>
public sealed class FlagScanner(IDbContextFactory<PortalDbContext> dbFactory, ScanLeaseStore lease, ModelFactsLoader factsLoader,
    FlagRuleCatalog catalog, IFlagEvents events, IOptions<FlagOptions> options, TimeProvider clock, PortalMetrics metrics, ILogger<FlagScanner> logger)
{
    private static readonly string Instance = $"{Environment.MachineName}/{Environment.ProcessId}";

    /// <summary>Scans if no other scan holds the lease; returns null when skipped.</summary>
    public Task<FlagScanSummary?> ScanAsync(string trigger, CancellationToken cancellationToken) =>
        ScanAsync(trigger, onlyIfDue: false, cancellationToken);

    /// <summary>
    /// The periodic scan (<paramref name="trigger"/> <see cref="StartupTrigger"/> or <see cref="IntervalTrigger"/>): as
    /// <see cref="ScanAsync(string, CancellationToken)"/>, but also skipped when any instance recorded a periodic scan that
    /// started within <see cref="FlagOptions.ScanInterval"/>, so that several instances scan once per interval between them.
    /// Checked while holding the lease, so after the previous holder recorded its scan.
    /// </summary>
    public Task<FlagScanSummary?> ScanIfDueAsync(string trigger, CancellationToken cancellationToken) =>
        ScanAsync(trigger, onlyIfDue: true, cancellationToken);

    public const string StartupTrigger = "startup";

    public const string IntervalTrigger = "interval";

    private static readonly string[] PeriodicTriggers = [StartupTrigger, IntervalTrigger];

    private async Task<FlagScanSummary?> ScanAsync(string trigger, bool onlyIfDue, CancellationToken cancellationToken)
    {
        var holder = $"{Instance}/{Guid.NewGuid():N}";
        var settings = options.Value;
        if (!await lease.TryAcquireAsync(holder, settings.LeaseDuration, cancellationToken))
        {
            if (logger.IsEnabled(LogLevel.Information))
            {
                logger.LogInformation("Flag scan ({Trigger}) skipped: another scan holds the lease.", trigger);
            }
            return null;
        }
        try
        {
            if (onlyIfDue && await ScannedWithinIntervalAsync(settings.ScanInterval, cancellationToken))
            {
                if (logger.IsEnabled(LogLevel.Information))
                {
                    logger.LogInformation("Flag scan ({Trigger}) skipped: a periodic scan started within the last {Interval}.", trigger, settings.ScanInterval);
                }
                return null;
            }
            return await ScanHoldingLeaseAsync(holder, trigger, settings, cancellationToken);
        }
        finally
        {
            await lease.ReleaseAsync(holder, CancellationToken.None);
        }
    }

    private async Task<bool> ScannedWithinIntervalAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        var since = Now - interval;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.FlagScans.AnyAsync(s => s.StartedAt > since && PeriodicTriggers.Contains(s.Trigger), cancellationToken);
    }

    private async Task<FlagScanSummary> ScanHoldingLeaseAsync(string holder, string trigger, FlagOptions settings, CancellationToken cancellationToken)
    {
        var started = Now;
        var stopwatch = Stopwatch.GetTimestamp();
        FlagPlan plan;
        Dictionary<string, int> openByRule;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var ruleSettings = await catalog.SettingsAsync(db, cancellationToken);
            var (facts, known) = await factsLoader.LoadAsync(db, cancellationToken);
            var open = await db.Flags.AsNoTracking().Where(f => f.ResolvedAt == null)
                .Select(f => new OpenFlag(f.Id, f.Rule, f.ModelId)).ToListAsync(cancellationToken);
            plan = FlagReconciler.Plan([.. facts.Values], catalog.Rules, ruleSettings, open, started, known);
            openByRule = open.Except(plan.Resolve).Select(f => f.Rule).Concat(plan.Raise.Select(r => r.Rule.Name))
                .GroupBy(r => r).ToDictionary(g => g.Key, g => g.Count());
        }
        var changes = await WriteAsync(holder, plan, settings, cancellationToken);
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            db.FlagScans.Add(FlagScan.Record(Instance, trigger, started, Now, plan, openByRule));
            await db.SaveChangesAsync(cancellationToken);
        }
        metrics.FlagsRaised(changes.Raised.Select(r => r.Rule));
        metrics.FlagScanned(Stopwatch.GetElapsedTime(stopwatch));
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Flag scan ({Trigger}) of {Models} models: {Raised} raised, {Resolved} resolved in {Elapsed} ms.",
                trigger, plan.ModelsScanned, changes.Raised.Count, changes.Resolved.Count, (Now - started).TotalMilliseconds);
        }
        await NotifyAsync(changes, cancellationToken);
        return new FlagScanSummary(started, Now, plan.ModelsScanned, changes.Raised.Count, changes.Resolved.Count, openByRule);
    }

    /// <summary>Saves raises and resolutions in batches, one audited transaction each, renewing the lease between them.</summary>
    private async Task<FlagChanges> WriteAsync(string holder, FlagPlan plan, FlagOptions settings, CancellationToken cancellationToken)
    {
        var raised = new List<FlagChange>();
        var resolved = new List<FlagChange>();
        var now = Now;
        var work = plan.Resolve.Select(f => (Raise: (FlagToRaise?)null, Resolve: (OpenFlag?)f))
            .Concat(plan.Raise.Select(r => (Raise: (FlagToRaise?)r, Resolve: (OpenFlag?)null))).ToList();
        foreach (var batch in work.Chunk(Math.Max(1, settings.WriteBatchSize)))
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            db.Actor = Actor.System;
            List<Flag> ending, added;
            try
            {
                (ending, added) = await db.InUnitOfWorkAsync(() => SaveBatchAsync(db, batch, now, cancellationToken), cancellationToken: cancellationToken);
            }
            catch (DbUpdateException conflict)
            {
                // Another scan changed the same flags (its lease lapsed under us); the next scan starts from what is saved.
                logger.LogWarning(conflict, "Flag scan stopped writing: the flags changed under it. The next scan reconciles.");
                break;
            }
            raised.AddRange(added.Select(FlagChange.From));
            resolved.AddRange(ending.Select(FlagChange.From));
            if (!await lease.RenewAsync(holder, settings.LeaseDuration, cancellationToken))
            {
                logger.LogWarning("Flag scan lost its lease while writing; it stops, and the next scan reconciles.");
                break;
            }
        }
        return new FlagChanges(raised, resolved);
    }

    /// <summary>
    /// One batch in one transaction: the resolutions through SaveChangesAsync, then the raised flags through InsertAuditedAsync
    /// (on SQLite one prepared statement per table instead of one per row: a first scan raises tens of thousands).
    /// </summary>
    private static async Task<(List<Flag> Ending, List<Flag> Added)> SaveBatchAsync(PortalDbContext db,
        (FlagToRaise? Raise, OpenFlag? Resolve)[] batch, DateTime now, CancellationToken cancellationToken)
    {
        // Resolved flags are read whole only here, in one query per batch; one resolved meanwhile is left alone.
        var ids = batch.Where(b => b.Resolve is not null).Select(b => b.Resolve!.Id).ToList();
        var ending = ids.Count == 0 ? [] : await db.Flags.Where(f => ids.Contains(f.Id) && f.ResolvedAt == null).ToListAsync(cancellationToken);
        ending.ForEach(f => f.Resolve(now));
        await db.SaveChangesAsync(cancellationToken);
        var added = batch.Where(b => b.Raise is not null)
            .Select(b => Flag.Raise(b.Raise!.Rule, b.Raise.Settings, b.Raise.Facts, b.Raise.Condition, now)).ToList();
        await db.InsertAuditedAsync(added, cancellationToken);
        return (ending, added);
    }

    private async Task NotifyAsync(FlagChanges changes, CancellationToken cancellationToken)
    {
        if (changes.Raised.Count == 0 && changes.Resolved.Count == 0)
        {
            return;
        }
        try
        {
            await events.FlagsChangedAsync(changes, cancellationToken);
        }
        catch (Exception failed) when (failed is not OperationCanceledException)
        {
            logger.LogError(failed, "Telling others about {Raised} raised and {Resolved} resolved flags failed.", changes.Raised.Count, changes.Resolved.Count);
        }
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}

/// <summary>What a scan did: when, how many models, flags raised and resolved, and the open flags per rule after it.</summary>
public sealed record FlagScanSummary(DateTime StartedAt, DateTime FinishedAt, int ModelsScanned, int Raised, int Resolved,
    IReadOnlyDictionary<string, int> OpenByRule);
