namespace Portal.Domain.Webhooks;

/// <summary>The portal page a webhook event points to: the exact record when its page exists, otherwise the model's page.</summary>
public static class WebhookLinks
{
    public static string PathFor(string entityType, string entityId, string? modelKey)
    {
        if (entityId.StartsWith("release-", StringComparison.Ordinal) && int.TryParse(entityId["release-".Length..].Split(':')[0], out var release))
        {
            return $"/releases/{release}";
        }
        if (entityType is "AuditRequest" or "AuditAnswer" && Guid.TryParse(entityId.Split('/')[0], out var audit))
        {
            return $"/audits/{audit}";
        }
        if (entityType == "AccessRequest")
        {
            return "/access-requests";
        }
        if (entityType == "User")
        {
            return "/admin/users";
        }
        return modelKey is null ? "/" : $"/models/{Uri.EscapeDataString(modelKey)}";
    }
}
