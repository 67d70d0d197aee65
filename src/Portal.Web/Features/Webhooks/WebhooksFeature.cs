namespace Portal.Web.Features.Webhooks;

/// <summary>
/// Signed webhooks (Standard Webhooks): an Admin's subscriptions, the outbox the audit interceptor fills in each change's own
/// transaction, and the worker that fans events out and delivers them with retries.
/// </summary>
public static class WebhooksFeature
{
    public static IServiceCollection AddWebhooksFeature(this IServiceCollection services)
    {
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IWebhookHostResolver, DnsHostResolver>();
        services.AddSingleton<WebhookTargetGuard>();
        services.AddSingleton<WebhookSecrets>();
        services.AddSingleton<WebhookAdminGuard>();
        services.AddSingleton<WebhookSubscriptionService>();
        services.AddSingleton<WebhookDeliveryService>();
        services.AddSingleton<WebhookTransport>();
        services.AddSingleton<WebhookDispatcher>();
        services.AddSingleton<WebhookGiveUpNotifications>();
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<WebhookWorker>();
        services.AddHostedService(provider => provider.GetRequiredService<WebhookWorker>());
        return services;
    }

    public static void MapWebhookEndpoints(this RouteGroupBuilder api) => api.MapWebhookRoutes();
}
