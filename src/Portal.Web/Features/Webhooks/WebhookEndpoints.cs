using System.Security.Claims;
using Portal.Domain.Webhooks;
using Portal.Web.Auth;

namespace Portal.Web.Features.Webhooks;

public static class WebhookEndpoints
{
    public static void MapWebhookRoutes(this RouteGroupBuilder api)
    {
        var webhooks = api.MapGroup("/webhooks").WithTags("Webhooks");
        webhooks.MapGet("/event-types", () => WebhookEventTypes.All).WithName("ListWebhookEventTypes")
            .WithSummary("The event types a subscription can ask for.");
        webhooks.MapGet("/subscriptions", ListAsync).WithName("ListWebhookSubscriptions")
            .WithSummary("Every webhook subscription, without secrets (Admin, as a person).")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        webhooks.MapPost("/subscriptions", SubscribeAsync).WithName("CreateWebhookSubscription")
            .WithSummary("Subscribe a target URL to event types, optionally for one team or risk tier. The answer holds the signing secret, shown only this once. " +
                "Private, loopback and link-local targets are refused unless Webhooks:AllowedHosts names the host.")
            .Produces<SubscriptionWithSecret>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        webhooks.MapPut("/subscriptions/{id:int}/state", SetStateAsync).WithName("SetWebhookSubscriptionState")
            .WithSummary("Enable or disable a subscription; send the revision you read (a stale one is a 409).")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        webhooks.MapPost("/subscriptions/{id:int}/secret", RotateAsync).WithName("RotateWebhookSecret")
            .WithSummary("Replace the signing secret; the answer holds the new one, shown only this once. Send the revision you read.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        webhooks.MapGet("/subscriptions/{id:int}/deliveries", LogAsync).WithName("ListWebhookDeliveries")
            .WithSummary("The subscription's delivery log, newest first (?take=, at most 200), each delivery with its attempts: status, latency, response excerpt.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        webhooks.MapPost("/deliveries/{id:long}/redeliver", RedeliverAsync).WithName("RedeliverWebhook")
            .WithSummary("Send a delivery again, with the same webhook-id and body, as a new delivery in the log.")
            .Produces<DeliveryView>(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static Task<IReadOnlyList<SubscriptionView>> ListAsync(ClaimsPrincipal user, WebhookSubscriptionService service, CancellationToken ct) =>
        service.ListAsync(user.ToActor(), ct);

    private static async Task<IResult> SubscribeAsync(SubscriptionRequest body, ClaimsPrincipal user, WebhookSubscriptionService service,
        CancellationToken ct)
    {
        var created = await service.SubscribeAsync(user.ToActor(), body, ct);
        return Results.Created($"/api/v1/webhooks/subscriptions/{created.Subscription.Id}/deliveries", created);
    }

    private static Task<SubscriptionView> SetStateAsync(int id, SubscriptionStateRequest body, ClaimsPrincipal user, WebhookSubscriptionService service,
        CancellationToken ct) =>
        service.SetEnabledAsync(user.ToActor(), id, body, ct);

    private static Task<SubscriptionWithSecret> RotateAsync(int id, RotateSecretRequest body, ClaimsPrincipal user, WebhookSubscriptionService service,
        CancellationToken ct) =>
        service.RotateSecretAsync(user.ToActor(), id, body, ct);

    private static Task<IReadOnlyList<DeliveryView>> LogAsync(int id, int? take, ClaimsPrincipal user, WebhookDeliveryService service, CancellationToken ct) =>
        service.LogAsync(user.ToActor(), id, take ?? 50, ct);

    private static async Task<IResult> RedeliverAsync(long id, ClaimsPrincipal user, WebhookDeliveryService service, CancellationToken ct)
    {
        var again = await service.RedeliverAsync(user.ToActor(), id, ct);
        return Results.Accepted($"/api/v1/webhooks/subscriptions/{again.SubscriptionId}/deliveries", again);
    }
}
