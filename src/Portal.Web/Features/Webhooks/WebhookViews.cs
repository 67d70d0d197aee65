using Portal.Domain.Inventory;
using Portal.Domain.Webhooks;

namespace Portal.Web.Features.Webhooks;

/// <summary>What an Admin sends to subscribe: the target, the events wanted and the optional filters.</summary>
public sealed record SubscriptionRequest(string? Url, string? Description, IReadOnlyList<string>? EventTypes, string? Team, string? RiskTier);

/// <summary>Enable or disable; send the revision you read.</summary>
public sealed record SubscriptionStateRequest(bool Enabled, int Revision);

/// <summary>Rotate the secret; send the revision you read.</summary>
public sealed record RotateSecretRequest(int Revision);

public sealed record SubscriptionView(int Id, string Url, string Description, IReadOnlyList<string> EventTypes, string? Team, RiskTier? RiskTier,
    bool Enabled, DateTime CreatedAt, string CreatedBy, DateTime SecretRotatedAt, int Revision)
{
    internal static SubscriptionView From(WebhookSubscription s) => new(s.Id, s.Url, s.Description, s.EventTypes, s.TeamFilter, s.RiskTierFilter,
        s.Enabled, s.CreatedAt, s.CreatedBy, s.SecretRotatedAt, s.Revision);
}

/// <summary>A subscription with its secret, answered once: on creation and on rotation. The portal never shows it again.</summary>
public sealed record SubscriptionWithSecret(SubscriptionView Subscription, string Secret);

public sealed record AttemptView(int Number, DateTime AttemptedAt, int? StatusCode, int LatencyMilliseconds, string? ResponseExcerpt, string? Error,
    bool Succeeded);

public sealed record DeliveryView(long Id, int SubscriptionId, string MessageId, string EventType, DeliveryStatus Status, int Attempts,
    DateTime CreatedAt, DateTime NextAttemptAt, DateTime? DeliveredAt, int? LastStatusCode, string? LastError, long? RedeliveryOf,
    IReadOnlyList<AttemptView> AttemptLog);
