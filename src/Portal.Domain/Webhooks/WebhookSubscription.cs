using Portal.Domain.Audit;
using Portal.Domain.Inventory;

namespace Portal.Domain.Webhooks;

/// <summary>
/// An Admin's order to send chosen events to a target URL, signed with a secret shown once. The secret is stored protected
/// (Data Protection) and never enters the audit trail; rotating it is audited without it.
/// </summary>
public sealed class WebhookSubscription : IAuditedEntity
{
    public const int UrlMaxLength = 2000;
    public const int DescriptionMaxLength = 200;

    public int Id { get; private set; }
    public string Url { get; private set; } = "";
    public string Description { get; private set; } = "";
    public List<string> EventTypes { get; private set; } = [];

    /// <summary>Only events of this team's models, when set.</summary>
    public string? TeamFilter { get; private set; }

    /// <summary>Only events of models of this risk tier, when set.</summary>
    public RiskTier? RiskTierFilter { get; private set; }

    [AuditRedacted]
    public string ProtectedSecret { get; private set; } = "";
    public DateTime SecretRotatedAt { get; private set; }
    public bool Enabled { get; private set; } = true;
    public DateTime CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public int Revision { get; private set; } = 1;

    public const string SubscribedAction = "Webhook.Subscribed";

    public string AuditEntityType => "WebhookSubscription";
    public string AuditEntityId => Id == 0 ? CreationAuditEntityId(Url) : $"webhook-{Id}";

    /// <summary>Before its first save the subscription has no number yet: the start of its URL names it in its creation's audit event (the whole URL is in the values).</summary>
    public static string CreationAuditEntityId(string url) => $"webhook:{url[..Math.Min(url.Length, 150)]}";
    public string? AuditModelKey => null;
    public string? PendingAuditAction { get; private set; }

    public static WebhookSubscription Create(string url, string description, IEnumerable<string> eventTypes, string? team, RiskTier? tier,
        string protectedSecret, string createdBy, DateTime now) => new()
    {
        Url = url,
        Description = description,
        EventTypes = [.. eventTypes],
        TeamFilter = team,
        RiskTierFilter = tier,
        ProtectedSecret = protectedSecret,
        SecretRotatedAt = now,
        CreatedAt = now,
        CreatedBy = createdBy,
        PendingAuditAction = SubscribedAction,
    };

    /// <summary>Whether an event of this type, about a model of this team and tier (none for a person), is sent here.</summary>
    public bool Wants(string eventType, string? team, RiskTier? tier) =>
        Enabled && EventTypes.Contains(eventType, StringComparer.Ordinal)
        && (TeamFilter is null || string.Equals(TeamFilter, team, StringComparison.OrdinalIgnoreCase))
        && (RiskTierFilter is null || RiskTierFilter == tier);

    public void SetEnabled(bool enabled)
    {
        Enabled = enabled;
        Revision++;
        PendingAuditAction = enabled ? "Webhook.Enabled" : "Webhook.Disabled";
    }

    public void RotateSecret(string protectedSecret, DateTime now)
    {
        ProtectedSecret = protectedSecret;
        SecretRotatedAt = now;
        Revision++;
        PendingAuditAction = "Webhook.SecretRotated";
    }

    public void ClearPendingAuditAction() => PendingAuditAction = null;
}
