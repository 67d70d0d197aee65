namespace Portal.Domain.Webhooks;

public enum DeliveryStatus
{
    Pending,
    Delivered,
    Failed,
}

/// <summary>
/// One event on its way to one subscription. A worker claims it by writing its claim token and lease in an UPDATE that only
/// matches an unclaimed row or an expired lease, so that of several portal instances exactly one sends each attempt.
/// </summary>
public sealed class WebhookDelivery
{
    public const int ErrorMaxLength = 500;

    public long Id { get; private set; }
    public int SubscriptionId { get; private set; }
    public long EventId { get; private set; }
    public string MessageId { get; private set; } = "";
    public string EventType { get; private set; } = "";

    /// <summary>The exact body signed and sent, fixed when the event was fanned out so that a redelivery sends the same bytes.</summary>
    public string Body { get; private set; } = "";
    public DeliveryStatus Status { get; private set; }
    public int Attempts { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime NextAttemptAt { get; private set; }
    public DateTime? FirstAttemptAt { get; private set; }
    public DateTime? DeliveredAt { get; private set; }
    public int? LastStatusCode { get; private set; }
    public string? LastError { get; private set; }
    public Guid? ClaimToken { get; private set; }
    public DateTime? LeaseUntil { get; private set; }

    /// <summary>The delivery this one sends again, when an Admin asked for a redelivery.</summary>
    public long? RedeliveryOf { get; private set; }

    public static WebhookDelivery For(WebhookOutboxEvent outboxEvent, int subscriptionId, string body, DateTime now) => new()
    {
        SubscriptionId = subscriptionId,
        EventId = outboxEvent.Id,
        MessageId = outboxEvent.MessageId,
        EventType = outboxEvent.Type,
        Body = body,
        CreatedAt = now,
        NextAttemptAt = now,
    };

    public WebhookDelivery Redeliver(DateTime now) => new()
    {
        SubscriptionId = SubscriptionId,
        EventId = EventId,
        MessageId = MessageId,
        EventType = EventType,
        Body = Body,
        CreatedAt = now,
        NextAttemptAt = now,
        RedeliveryOf = Id,
    };
}

/// <summary>One try at sending a delivery, as the delivery log shows it.</summary>
public sealed class WebhookAttempt
{
    public const int ResponseExcerptMaxLength = 500;

    public long Id { get; private set; }
    public long DeliveryId { get; private set; }
    public int SubscriptionId { get; private set; }
    public int Number { get; private set; }
    public DateTime AttemptedAt { get; private set; }
    public int? StatusCode { get; private set; }
    public int LatencyMilliseconds { get; private set; }
    public string? ResponseExcerpt { get; private set; }
    public string? Error { get; private set; }
    public bool Succeeded { get; private set; }

    public static WebhookAttempt Record(WebhookDelivery delivery, int number, DateTime at, int? statusCode, TimeSpan latency, string? response,
        string? error) => new()
    {
        DeliveryId = delivery.Id,
        SubscriptionId = delivery.SubscriptionId,
        Number = number,
        AttemptedAt = at,
        StatusCode = statusCode,
        LatencyMilliseconds = (int)Math.Min(int.MaxValue, latency.TotalMilliseconds),
        ResponseExcerpt = Bound(response, ResponseExcerptMaxLength),
        Error = Bound(error, WebhookDelivery.ErrorMaxLength),
        Succeeded = statusCode is >= 200 and < 300,
    };

    public static string? Bound(string? text, int max) => text is null || text.Length <= max ? text : text[..(max - 1)] + "…";
}
