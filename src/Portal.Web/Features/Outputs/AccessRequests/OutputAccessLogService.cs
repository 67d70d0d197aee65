using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Access;
using Portal.Domain.Audit;
using Portal.Domain.Outputs;
using Portal.Web.Features.Shared;

namespace Portal.Web.Features.Outputs.AccessRequests;

public sealed record OutputAccessEntry(long Id, DateTime At, string ActorName, OutputReadChannel Channel, bool Allowed, bool Masked,
    long RowsReturned, string? Purpose, string? Refusal);

public sealed record OutputAccessDay(DateOnly Day, int Allowed, int Denied);

/// <summary>
/// "Who accessed this output": the access log of one output, paged, and its reads per day. Only the model's owners, Auditors,
/// Compliance reviewers and Admins see it; anyone else is refused here, whatever the page shows.
/// </summary>
public sealed class OutputAccessLogService(IDbContextFactory<PortalDbContext> dbFactory, AuditRecorder audit, TimeProvider clock)
{
    public const int ChartDays = 30;

    public async Task<PagedResult<OutputAccessEntry>> PageAsync(Actor actor, int outputId, int? page, int? pageSize, CancellationToken cancellationToken = default)
    {
        var (number, size) = Paging.Normalize(page, pageSize);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await EnsureMaySeeAsync(db, actor, outputId, cancellationToken);
        var log = db.OutputAccesses.AsNoTracking().Where(a => a.OutputId == outputId);
        var total = await log.CountAsync(cancellationToken);
        var items = await log.OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Skip((number - 1) * size).Take(size)
            .Select(a => new OutputAccessEntry(a.Id, a.At, a.ActorName, a.Channel, a.Allowed, a.Masked, a.RowsReturned, a.Purpose, a.Refusal))
            .ToListAsync(cancellationToken);
        return new(items, total);
    }

    /// <summary>
    /// The reads of one output in a period (UTC, from inclusive, to exclusive), newest first, at most <paramref name="limit"/>, and
    /// how many there were; for evidence that cites the log. Seen by the same people as the log.
    /// </summary>
    public async Task<PagedResult<OutputAccessEntry>> RangeAsync(Actor actor, int outputId, DateTime? from, DateTime? to, int limit,
        CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await EnsureMaySeeAsync(db, actor, outputId, cancellationToken);
        var log = db.OutputAccesses.AsNoTracking().Where(a => a.OutputId == outputId && (from == null || a.At >= from) && (to == null || a.At < to));
        var total = await log.CountAsync(cancellationToken);
        var items = await log.OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Take(limit)
            .Select(a => new OutputAccessEntry(a.Id, a.At, a.ActorName, a.Channel, a.Allowed, a.Masked, a.RowsReturned, a.Purpose, a.Refusal))
            .ToListAsync(cancellationToken);
        return new(items, total);
    }

    /// <summary>Allowed and denied reads per day over the last <see cref="ChartDays"/> days, every day present (zero when none).</summary>
    public async Task<IReadOnlyList<OutputAccessDay>> PerDayAsync(Actor actor, int outputId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await EnsureMaySeeAsync(db, actor, outputId, cancellationToken);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var from = today.AddDays(1 - ChartDays).ToDateTime(TimeOnly.MinValue);
        var moments = await db.OutputAccesses.AsNoTracking().Where(a => a.OutputId == outputId && a.At >= from)
            .GroupBy(a => new { a.At.Date, a.Allowed }).Select(g => new { g.Key.Date, g.Key.Allowed, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return [.. Enumerable.Range(0, ChartDays).Select(i => today.AddDays(i + 1 - ChartDays)).Select(day => new OutputAccessDay(day,
            moments.Where(m => DateOnly.FromDateTime(m.Date) == day && m.Allowed).Sum(m => m.Count),
            moments.Where(m => DateOnly.FromDateTime(m.Date) == day && !m.Allowed).Sum(m => m.Count)))];
    }

    /// <summary>Whether <paramref name="actor"/> may see the log, without recording anything (for showing the panel).</summary>
    public async Task<bool> MaySeeAsync(Actor actor, int outputId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await MaySeeAsync(db, actor, outputId, cancellationToken);
    }

    private static async Task<bool> MaySeeAsync(PortalDbContext db, Actor actor, int outputId, CancellationToken cancellationToken)
    {
        if (actor.Roles.Overlaps([PortalRoles.Admin, PortalRoles.Auditor, PortalRoles.ComplianceReviewer]))
        {
            return true;
        }
        if (actor.IsServiceToken)
        {
            return false;
        }
        var modelId = await db.ModelOutputs.Where(o => o.Id == outputId).Select(o => (int?)o.ModelId).FirstOrDefaultAsync(cancellationToken);
        return modelId is { } id && await db.OwnershipAssignments.AnyAsync(a => a.ModelId == id && a.EndedAt == null && a.OwnerSubject == actor.Id, cancellationToken);
    }

    private async Task EnsureMaySeeAsync(PortalDbContext db, Actor actor, int outputId, CancellationToken cancellationToken)
    {
        if (!await db.ModelOutputs.AnyAsync(o => o.Id == outputId, cancellationToken))
        {
            throw new NotFoundException($"No output has the id {outputId}.");
        }
        if (await MaySeeAsync(db, actor, outputId, cancellationToken))
        {
            return;
        }
        const string reason = "Who accessed an output is seen by the model's owners, Auditors, Compliance reviewers and Admins.";
        await audit.RecordAsync(actor, AuditActions.AccessDenied, "ModelOutput", outputId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new { target = $"access log of output {outputId}", permission = nameof(Permission.ReadOutputs), reason }, cancellationToken: cancellationToken);
        throw new AccessDeniedException(Permission.ReadOutputs, reason);
    }
}
