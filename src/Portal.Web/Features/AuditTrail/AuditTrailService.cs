using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Portal.Data;
using Portal.Domain.Access;
using Portal.Domain.Audit;
using Portal.Web.Features.Shared;
using Portal.Web.Infrastructure.Telemetry;

namespace Portal.Web.Features.AuditTrail;

/// <summary>Reads, exports and verifies the audit trail.</summary>
public sealed class AuditTrailService(IDbContextFactory<PortalDbContext> dbFactory, AccessGuard guard, AuditRecorder audit, TimeProvider clock,
    IMemoryCache cache, PortalMetrics metrics)
{
    /// <summary>A model text that is no model's key matches the models whose key or name contains it, up to this many.</summary>
    public const int MaxModelsByName = 200;

    private static readonly TimeSpan ActionsCacheTime = TimeSpan.FromMinutes(5);

    public async Task<PagedResult<AuditEventView>> SearchAsync(Actor actor, AuditTrailQuery query, CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, Permission.ReadAuditTrail, "audit trail", cancellationToken);
        var (page, pageSize) = Paging.Normalize(query.Page, query.PageSize);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var filtered = await FilterAsync(db, query, cancellationToken);
        var total = await filtered.CountAsync(cancellationToken);
        var events = await filtered.OrderByDescending(a => a.Sequence)
            .Skip(Paging.Offset(page, pageSize)).Take(pageSize)
            .ToListAsync(cancellationToken);
        return new PagedResult<AuditEventView>(events.Select(ToView).ToList(), total);
    }

    /// <summary>
    /// Opens the filtered trail as CSV lines (oldest first, formulas neutralised) once the actor may read it;
    /// the export itself is audited. Checking before streaming lets a refusal still be a proper 403.
    /// </summary>
    public async Task<IAsyncEnumerable<string>> ExportCsvAsync(Actor actor, AuditTrailQuery query, CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, Permission.ReadAuditTrail, "audit trail export", cancellationToken);
        await audit.RecordAsync(actor, AuditActions.AuditTrailExported, "AuditTrail", "csv", query with { Page = 0, PageSize = 0 },
            cancellationToken: cancellationToken);
        return CsvLinesAsync(query, cancellationToken);
    }

    private async IAsyncEnumerable<string> CsvLinesAsync(AuditTrailQuery query, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (AuditCsv.FilteredNote(query) is { } note)
        {
            yield return note;
        }
        yield return AuditCsv.Header;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var events = (await FilterAsync(db, query, cancellationToken)).OrderBy(a => a.Sequence).AsAsyncEnumerable();
        await foreach (var audited in events.WithCancellation(cancellationToken))
        {
            yield return AuditCsv.Row(audited);
        }
    }

    public async Task<ChainVerification> VerifyAsync(Actor actor, ChainDigest? expected, CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, Permission.VerifyAuditTrail, "audit chain verification", cancellationToken);
        ChainVerification result;
        var started = Stopwatch.GetTimestamp();
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            // Rows are read on this thread while the batch before is hashed on the other cores.
            result = await ChainVerifier.VerifyAsync(ChainInOrder(db).AsAsyncEnumerable(), expected, cancellationToken);
        }
        metrics.ChainVerified(Stopwatch.GetElapsedTime(started), result.Intact);
        await audit.RecordAsync(actor, AuditActions.AuditTrailVerified, "AuditTrail", "chain",
            new { result.Intact, result.EventCount, result.FirstBrokenEventId, digest = expected?.ToString() }, cancellationToken: cancellationToken);
        return result;
    }

    /// <summary>The whole chain, oldest first: what verification reads.</summary>
    internal static IQueryable<AuditEvent> ChainInOrder(PortalDbContext db) => db.AuditEvents.AsNoTracking().OrderBy(a => a.Sequence);

    public async Task<ChainDigestResponse> DigestAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, Permission.VerifyAuditTrail, "audit chain digest", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var head = await db.AuditEvents.AsNoTracking().OrderByDescending(a => a.Sequence)
            .Select(a => new ChainDigest(a.Sequence, a.Hash)).FirstOrDefaultAsync(cancellationToken) ?? ChainDigest.Empty;
        return new ChainDigestResponse(head.ToString(), head.Sequence, head.Hash, clock.GetUtcNow().UtcDateTime);
    }

    /// <summary>The action names the trail holds, for the filter's choices (read once every few minutes).</summary>
    public async Task<IReadOnlyList<string>> ActionsAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, Permission.ReadAuditTrail, "audit trail", cancellationToken);
        return await cache.GetOrCreateAsync("audit-trail-actions", async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = ActionsCacheTime;
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            return (IReadOnlyList<string>)await db.AuditEvents.Select(a => a.Action).Distinct().OrderBy(a => a).ToListAsync(cancellationToken);
        }) ?? [];
    }

    /// <summary>
    /// The model filter: a model's key (any case) matches that model's events only; any other text matches the events of the
    /// models whose key or name contains it, so "fraud" finds every fraud model.
    /// </summary>
    private static async Task<IQueryable<AuditEvent>> FilterAsync(PortalDbContext db, AuditTrailQuery query, CancellationToken cancellationToken)
    {
        var events = Filter(db.AuditEvents.AsNoTracking(), query);
        if (string.IsNullOrWhiteSpace(query.ModelKey))
        {
            return events;
        }
        var text = LikePattern.Escape(query.ModelKey.Trim());
        var isKey = await db.Models.AnyAsync(m => EF.Functions.Like(m.Key, text, LikePattern.EscapeCharacter), cancellationToken);
        var byName = isKey ? [] : await db.Models
            .Where(m => EF.Functions.Like(m.Key, "%" + text + "%", LikePattern.EscapeCharacter)
                || EF.Functions.Like(m.Name, "%" + text + "%", LikePattern.EscapeCharacter))
            .OrderBy(m => m.Key).Select(m => m.Key).Take(MaxModelsByName).ToListAsync(cancellationToken);
        return events.Where(a => a.ModelKey != null
            && (EF.Functions.Like(a.ModelKey, text, LikePattern.EscapeCharacter) || byName.Contains(a.ModelKey)));
    }

    private static IQueryable<AuditEvent> Filter(IQueryable<AuditEvent> events, AuditTrailQuery query)
    {
        if (!string.IsNullOrWhiteSpace(query.Actor))
        {
            var pattern = "%" + LikePattern.Escape(query.Actor.Trim()) + "%";
            events = events.Where(a => a.ActorId == query.Actor.Trim() || EF.Functions.Like(a.ActorName, pattern, LikePattern.EscapeCharacter));
        }
        if (!string.IsNullOrWhiteSpace(query.Action))
        {
            var pattern = LikePattern.Escape(query.Action.Trim()) + "%";
            events = events.Where(a => EF.Functions.Like(a.Action, pattern, LikePattern.EscapeCharacter));
        }
        if (query.From is { } from)
        {
            events = events.Where(a => a.OccurredAt >= from);
        }
        if (query.To is { } to)
        {
            events = events.Where(a => a.OccurredAt < to);
        }
        return events;
    }

    public static AuditEventView ToView(AuditEvent a) =>
        new(a.Sequence, a.OccurredAt, a.ActorId, a.ActorName, a.Action, a.EntityType, a.EntityId, a.ModelKey, a.Before, a.After, a.Hash);

    internal static string Format(DateTime value) => value.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
