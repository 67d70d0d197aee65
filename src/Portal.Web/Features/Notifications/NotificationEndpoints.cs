using System.Security.Claims;
using Portal.Web.Auth;

namespace Portal.Web.Features.Notifications;

public static class NotificationEndpoints
{
    public static void MapNotificationRoutes(this RouteGroupBuilder api)
    {
        var notifications = api.MapGroup("/notifications").WithTags("Notifications");
        notifications.MapGet("/mine", ListMineAsync).WithName("ListMyNotifications")
            .WithSummary("The caller's own notifications, newest first (?unreadOnly=true, ?take=50, at most 200).");
        notifications.MapPost("/{id:long}/read", MarkReadAsync).WithName("MarkNotificationRead")
            .WithSummary("Mark one of the caller's notifications read; anyone else's answers 404.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        notifications.MapPost("/read-all", MarkAllReadAsync).WithName("MarkAllNotificationsRead")
            .WithSummary("Mark all of the caller's notifications read; answers how many changed.");
    }

    private static Task<IReadOnlyList<NotificationView>> ListMineAsync(bool? unreadOnly, int? take, ClaimsPrincipal user, NotificationService service,
        CancellationToken cancellationToken) =>
        service.ListMineAsync(user.ToActor(), unreadOnly ?? false, take ?? 50, cancellationToken);

    private static Task<NotificationView> MarkReadAsync(long id, ClaimsPrincipal user, NotificationService service, CancellationToken cancellationToken) =>
        service.MarkReadAsync(user.ToActor(), id, cancellationToken);

    private static async Task<MarkedRead> MarkAllReadAsync(ClaimsPrincipal user, NotificationService service, CancellationToken cancellationToken) =>
        new(await service.MarkAllReadAsync(user.ToActor(), cancellationToken));

    public sealed record MarkedRead(int Marked);
}
