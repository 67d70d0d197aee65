using Microsoft.AspNetCore.DataProtection;

namespace Portal.Web.Features.Webhooks;

/// <summary>Protects subscription secrets at rest with the portal's shared Data Protection key ring.</summary>
public sealed class WebhookSecrets(IDataProtectionProvider protection)
{
    private readonly IDataProtector protector = protection.CreateProtector("Portal.Webhooks.SubscriptionSecret");

    public string Protect(string secret) => protector.Protect(secret);

    public string Unprotect(string protectedSecret) => protector.Unprotect(protectedSecret);
}
