namespace Portal.Web.Features.Notifications;

/// <summary>In-app notifications for other features to send, and their daily e-mail digest when SMTP is configured.</summary>
public static class NotificationsFeature
{
    public static IServiceCollection AddNotificationsFeature(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<NotificationOptions>(configuration.GetSection(NotificationOptions.Section));
        return services
            .AddSingleton<NotificationService>()
            .AddScoped<NotificationSignals>()
            .AddSingleton<ISmtpSender, MailKitSmtpSender>()
            .AddSingleton<NotificationDigestService>()
            .AddHostedService<NotificationDigestWorker>();
    }

    public static void MapNotificationsEndpoints(this RouteGroupBuilder api) => api.MapNotificationRoutes();
}
