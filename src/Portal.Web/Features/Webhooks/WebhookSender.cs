using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Domain.Access;
using Portal.Domain.Audit;
using Portal.Domain.Webhooks;
using Portal.Web.Infrastructure.Telemetry;

namespace Portal.Web.Features.Webhooks;

/// <summary>
/// Sends due deliveries. A batch is claimed by one UPDATE that writes this run's token and lease only on rows still pending and
/// unclaimed (or whose lease expired), then read back by that token: of several instances, exactly one sends each attempt.
/// Each result is written only while the claim is still ours, and every attempt lands in the delivery log. A delivery the
/// schedule gives up on is audited with its result, and its subscriber is told once it committed.
/// </summary>
public sealed class WebhookSender(
    IDbContextFactory<PortalDbContext> dbFactory,
    WebhookTransport transport,
    WebhookSecrets secrets,
    IOptionsMonitor<WebhookOptions> options,
    TimeProvider clock,
    PortalMetrics metrics,
    WebhookGiveUpNotifications giveUps,
    ILogger<WebhookSender> logger)
{
    /// <summary>Sends one batch of due deliveries; answers how many this instance claimed.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var claim = Guid.NewGuid();
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var due = await db.WebhookDeliveries.AsNoTracking()
            .Where(d => d.Status == DeliveryStatus.Pending && d.NextAttemptAt <= now && (d.ClaimToken == null || d.LeaseUntil < now))
            .OrderBy(d => d.NextAttemptAt).ThenBy(d => d.Id).Select(d => d.Id).Take(settings.BatchSize).ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return 0;
        }
        var leaseUntil = now.AddSeconds(settings.LeaseSeconds);
        var claimed = await db.WebhookDeliveries
            .Where(d => due.Contains(d.Id) && d.Status == DeliveryStatus.Pending && (d.ClaimToken == null || d.LeaseUntil < now))
            .ExecuteUpdateAsync(set => set.SetProperty(d => d.ClaimToken, claim).SetProperty(d => d.LeaseUntil, leaseUntil), cancellationToken);
        if (claimed == 0)
        {
            return 0;
        }
        var mine = await db.WebhookDeliveries.AsNoTracking().Where(d => d.ClaimToken == claim).ToListAsync(cancellationToken);
        var subscriptionIds = mine.Select(d => d.SubscriptionId).Distinct().ToList();
        var targets = await db.WebhookSubscriptions.AsNoTracking().Where(s => subscriptionIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
        var outcomes = await SendAllAsync(mine, targets, settings.Parallelism, cancellationToken);
        await RecordAsync(db, claim, outcomes, cancellationToken);
        return claimed;
    }

    private async Task<List<(WebhookDelivery Delivery, AttemptResult Result)>> SendAllAsync(List<WebhookDelivery> deliveries,
        Dictionary<int, WebhookSubscription> targets, int parallelism, CancellationToken cancellationToken)
    {
        var results = new (WebhookDelivery, AttemptResult)[deliveries.Count];
        var secretsBySubscription = targets.Values.ToDictionary(s => s.Id, s => secrets.Unprotect(s.ProtectedSecret));
        await Parallel.ForAsync(0, deliveries.Count, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
            async (i, token) =>
            {
                var delivery = deliveries[i];
                var target = targets[delivery.SubscriptionId];
                results[i] = (delivery, target.Enabled
                    ? await transport.SendAsync(new Uri(target.Url), secretsBySubscription[target.Id], delivery.MessageId, delivery.Body, token)
                    : AttemptResult.NotSent("The subscription is disabled; redeliver after enabling it."));
            });
        return [.. results];
    }

    private async Task RecordAsync(PortalDbContext db, Guid claim, List<(WebhookDelivery Delivery, AttemptResult Result)> outcomes,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var recorded = new List<DeliveryStatus>();
        var gaveUp = new List<(WebhookDelivery Delivery, Outcome Outcome)>();
        await db.InUnitOfWorkAsync(async () =>
        {
            // Counted and told after the commit, so that a unit run again by the retrying strategy counts each attempt once.
            recorded.Clear();
            gaveUp.Clear();
            foreach (var (delivery, result) in outcomes)
            {
                var outcome = Outcome.Of(delivery, result, now);
                var written = await db.WebhookDeliveries.Where(d => d.Id == delivery.Id && d.ClaimToken == claim).ExecuteUpdateAsync(set => set
                    .SetProperty(d => d.Status, outcome.Status)
                    .SetProperty(d => d.Attempts, outcome.Attempts)
                    .SetProperty(d => d.FirstAttemptAt, outcome.FirstAttemptAt)
                    .SetProperty(d => d.NextAttemptAt, outcome.NextAttemptAt)
                    .SetProperty(d => d.DeliveredAt, outcome.DeliveredAt)
                    .SetProperty(d => d.LastStatusCode, result.StatusCode)
                    .SetProperty(d => d.LastError, outcome.Error)
                    .SetProperty(d => d.ClaimToken, (Guid?)null)
                    .SetProperty(d => d.LeaseUntil, (DateTime?)null), cancellationToken);
                if (written == 0)
                {
                    logger.LogWarning("Webhook delivery {Delivery} outlived its lease; another instance took it, so this attempt is not recorded", delivery.Id);
                    continue;
                }
                recorded.Add(outcome.Status);
                if (result.Sent)
                {
                    db.WebhookAttempts.Add(WebhookAttempt.Record(delivery, outcome.Attempts, now, result.StatusCode, result.Latency, result.ResponseExcerpt,
                        result.Error));
                }
                if (result.Sent && outcome.Status == DeliveryStatus.Failed)
                {
                    db.Record(GaveUpEvent(delivery, outcome));
                    gaveUp.Add((delivery, outcome));
                }
            }
            await db.SaveChangesAsync(cancellationToken);
        }, cancellationToken: cancellationToken);
        recorded.ForEach(metrics.WebhookAttempted);
        foreach (var (delivery, outcome) in gaveUp)
        {
            await giveUps.GaveUpAsync(delivery, outcome.Attempts, outcome.Error, cancellationToken);
        }
    }

    private static AuditEvent GaveUpEvent(WebhookDelivery delivery, Outcome outcome) => new()
    {
        ActorId = Actor.System.Id,
        ActorName = Actor.System.Name,
        Action = WebhookAuditActions.GaveUp,
        EntityType = "WebhookSubscription",
        EntityId = $"webhook-{delivery.SubscriptionId}",
        After = JsonSerializer.Serialize(new { delivery = delivery.Id, delivery.MessageId, delivery.EventType, attempts = outcome.Attempts, lastError = outcome.Error }),
    };
}

/// <summary>
/// A delivery's state after an attempt: delivered; retried on the schedule; failed for good once the schedule gives up; or
/// failed without an attempt when it could not be sent at all (its subscription disabled).
/// </summary>
internal sealed record Outcome(DeliveryStatus Status, int Attempts, DateTime? FirstAttemptAt, DateTime NextAttemptAt, DateTime? DeliveredAt, string? Error)
{
    public static Outcome Of(WebhookDelivery delivery, AttemptResult result, DateTime now)
    {
        var error = WebhookAttempt.Bound(result.Error, WebhookDelivery.ErrorMaxLength);
        if (!result.Sent)
        {
            return new(DeliveryStatus.Failed, delivery.Attempts, delivery.FirstAttemptAt, now, null, error);
        }
        var attempts = delivery.Attempts + 1;
        var first = delivery.FirstAttemptAt ?? now;
        if (result.Succeeded)
        {
            return new(DeliveryStatus.Delivered, attempts, first, now, now, null);
        }
        return RetrySchedule.NextAttempt(attempts, first, now) is { } next
            ? new(DeliveryStatus.Pending, attempts, first, next, null, error)
            : new(DeliveryStatus.Failed, attempts, first, now, null, error);
    }
}

/// <summary>What one send answered: the status and an excerpt of the response, or why it could not be sent.</summary>
public sealed record AttemptResult(bool Sent, int? StatusCode, TimeSpan Latency, string? ResponseExcerpt, string? Error)
{
    public bool Succeeded => StatusCode is >= 200 and < 300;

    public static AttemptResult NotSent(string reason) => new(false, null, TimeSpan.Zero, null, reason);
}

/// <summary>
/// Posts a signed event. Redirects are never followed (a 3xx is a failed attempt: following one could lead inside the network),
/// no proxy is used (it would connect for us, unchecked), and each connection goes through <see cref="WebhookTargetGuard"/>.
/// </summary>
public sealed class WebhookTransport : IDisposable
{
    private readonly HttpClient http;
    private readonly TimeProvider clock;

    public WebhookTransport(WebhookTargetGuard guard, IOptions<WebhookOptions> options, TimeProvider clock)
    {
        this.clock = clock;
        http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            ConnectCallback = guard.ConnectAsync,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            MaxConnectionsPerServer = 64,
        })
        {
            Timeout = TimeSpan.FromSeconds(options.Value.TimeoutSeconds),
        };
        http.DefaultRequestHeaders.UserAgent.ParseAdd("ModelGovernancePortal-Webhooks/1");
    }

    public async Task<AttemptResult> SendAsync(Uri url, string secret, string messageId, string body, CancellationToken cancellationToken)
    {
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(WebhookSignature.IdHeader, messageId);
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(secret, messageId, timestamp, body));
        var started = clock.GetTimestamp();
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var excerpt = await ExcerptAsync(response, cancellationToken);
            return new AttemptResult(true, (int)response.StatusCode, clock.GetElapsedTime(started), excerpt,
                response.IsSuccessStatusCode ? null : $"The receiver answered {(int)response.StatusCode} {response.ReasonPhrase}.");
        }
        catch (Exception failure) when (failure is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new AttemptResult(true, null, clock.GetElapsedTime(started), null, failure.Message);
        }
    }

    /// <summary>At most the first characters of the answer: enough to see an error, never a large body held in memory.</summary>
    private static async Task<string?> ExcerptAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var buffer = new char[WebhookAttempt.ResponseExcerptMaxLength];
        var read = await reader.ReadBlockAsync(buffer.AsMemory(), cancellationToken);
        return read == 0 ? null : new string(buffer, 0, read);
    }

    public void Dispose() => http.Dispose();
}
