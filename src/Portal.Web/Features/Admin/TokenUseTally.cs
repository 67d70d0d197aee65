using Portal.Domain.Access;
using Portal.Domain.Audit;
using Portal.Web.Features.Shared;

namespace Portal.Web.Features.Admin;

/// <summary>
/// Audits service-token use without letting it flood the trail: uses are counted in memory per token and
/// minute, and each minute that ended is written as one <c>ServiceToken.Used</c> event with its count, the
/// first and last request. Each instance writes its own tallies, so N instances write at most N events per
/// token a minute; a crash loses at most the current minute's count (what the token changed is audited
/// in its own right, in the same transaction as the change).
/// </summary>
public sealed class TokenUseTally(AuditRecorder audit, TimeProvider clock, ILogger<TokenUseTally> logger) : BackgroundService
{
    private readonly Lock gate = new();
    private readonly Dictionary<(TokenKey Holder, DateTime Minute), Uses> uses = [];

    public void Count(TokenHolder token, string request)
    {
        var holder = new TokenKey(token.Subject, token.Name, token.Role, token.Kind);
        var minute = Minute(clock.GetUtcNow().UtcDateTime);
        lock (gate)
        {
            if (uses.TryGetValue((holder, minute), out var tally))
            {
                tally.Count++;
                tally.Last = request;
            }
            else
            {
                uses[(holder, minute)] = new Uses { Count = 1, First = request, Last = request };
            }
        }
    }

    /// <summary>Writes the tallies of minutes that ended (all of them when <paramref name="includeCurrentMinute"/>, as at shutdown).</summary>
    public async Task FlushAsync(bool includeCurrentMinute = true, CancellationToken cancellationToken = default)
    {
        var current = Minute(clock.GetUtcNow().UtcDateTime);
        List<KeyValuePair<(TokenKey Holder, DateTime Minute), Uses>> due;
        lock (gate)
        {
            due = [.. uses.Where(u => includeCurrentMinute || u.Key.Minute < current)];
            foreach (var entry in due)
            {
                uses.Remove(entry.Key);
            }
        }
        for (var i = 0; i < due.Count; i++)
        {
            var ((holder, minute), tally) = due[i];
            var actor = new Actor(holder.Subject, holder.Name, new HashSet<string> { holder.Role });
            try
            {
                await audit.RecordAsync(actor, AuditActions.ServiceTokenUsed, "ServiceToken", holder.Name,
                    new { kind = holder.Kind, minute, count = tally.Count, first = tally.First, last = tally.Last }, cancellationToken: cancellationToken);
            }
            catch
            {
                Return(due[i..]);
                throw;
            }
        }
    }

    /// <summary>Puts tallies that could not be written back, so that the next flush writes them.</summary>
    private void Return(IEnumerable<KeyValuePair<(TokenKey Holder, DateTime Minute), Uses>> unwritten)
    {
        lock (gate)
        {
            foreach (var (key, tally) in unwritten)
            {
                if (uses.TryGetValue(key, out var since))
                {
                    tally.Count += since.Count;
                    tally.Last = since.Last;
                }
                uses[key] = tally;
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await FlushAsync(includeCurrentMinute: false, stoppingToken);
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                logger.LogError(failure, "Writing the service-token use tallies failed; they are kept and written next minute.");
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await FlushAsync(includeCurrentMinute: true, CancellationToken.None);
        }
        catch (Exception failure)
        {
            logger.LogError(failure, "Writing the last service-token use tallies at shutdown failed; their counts are lost.");
        }
    }

    private static DateTime Minute(DateTime now) => new(now.Ticks - (now.Ticks % TimeSpan.TicksPerMinute), DateTimeKind.Utc);

    private sealed class Uses
    {
        public int Count { get; set; }

        public required string First { get; set; }

        public required string Last { get; set; }
    }

    /// <summary>A token's identity by value (its holder carries a team list, which compares by reference).</summary>
    private sealed record TokenKey(string Subject, string Name, string Role, string Kind);
}
