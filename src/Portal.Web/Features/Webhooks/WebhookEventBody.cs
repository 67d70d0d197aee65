using System.Text.Json;
using System.Text.Json.Serialization;
using Portal.Domain.Inventory;
using Portal.Domain.Webhooks;

namespace Portal.Web.Features.Webhooks;

/// <summary>
/// The one JSON shape of every event (version <see cref="WebhookEventTypes.SchemaVersion"/>): <c>type</c>, <c>timestamp</c>,
/// <c>version</c> and <c>data</c> with the record's key fields and a link to its page. Free text never goes out: a receiver
/// that needs more follows the link or calls the API with its own token.
/// </summary>
public static class WebhookEventBody
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string For(WebhookOutboxEvent e, string? team, RiskTier? tier, string portalUrl) => JsonSerializer.Serialize(new
    {
        type = e.Type,
        timestamp = e.OccurredAt.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
        version = WebhookEventTypes.SchemaVersion,
        data = new
        {
            entityType = e.EntityType,
            entityId = e.EntityId,
            modelKey = e.ModelKey,
            team,
            riskTier = tier?.ToString(),
            actor = e.ActorName,
            auditSequence = e.AuditSequence,
            link = portalUrl.TrimEnd('/') + WebhookLinks.PathFor(e.EntityType, e.EntityId, e.ModelKey),
        },
    }, Json);
}
