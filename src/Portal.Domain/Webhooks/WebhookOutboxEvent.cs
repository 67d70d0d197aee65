namespace Portal.Domain.Webhooks;

/// <summary>
/// An event waiting to be fanned out to the subscriptions that want it. Written by the audit interceptor in the same transaction
/// as the change (so none is lost and none is sent for a change rolled back); <see cref="DispatchedAt"/> is set once, by the one
/// instance whose claim succeeded, in the transaction that creates the deliveries.
/// </summary>
public sealed class WebhookOutboxEvent
{
    public long Id { get; private set; }

    /// <summary>
    /// The Standard Webhooks <c>webhook-id</c>: the same for every delivery and redelivery of this event. Time-ordered (a version 7
    /// UUID), so that its unique index grows at its end instead of at a random page for every event.
    /// </summary>
    public string MessageId { get; private set; } = "";
    public string Type { get; private set; } = "";
    public long AuditSequence { get; private set; }
    public string EntityType { get; private set; } = "";
    public string EntityId { get; private set; } = "";
    public string? ModelKey { get; private set; }
    public string ActorName { get; private set; } = "";
    public DateTime OccurredAt { get; private set; }
    public DateTime? DispatchedAt { get; private set; }

    /// <summary>The token of the dispatch that fanned it out: set with <see cref="DispatchedAt"/> in the one UPDATE that claims it.</summary>
    public Guid? DispatchClaim { get; private set; }

    public static WebhookOutboxEvent Announce(string type, long auditSequence, string entityType, string entityId, string? modelKey,
        string actorName, DateTime occurredAt) => new()
    {
        MessageId = $"msg_{Guid.CreateVersion7():N}",
        Type = type,
        AuditSequence = auditSequence,
        EntityType = entityType,
        EntityId = entityId,
        ModelKey = modelKey,
        ActorName = actorName,
        OccurredAt = occurredAt,
    };
}
