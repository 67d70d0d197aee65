using System.Security.Claims;
using Portal.Web.Auth;

namespace Portal.Web.Features.Ownership;

/// <summary>Owners of models, and bulk reassignment, under <c>/api/v1</c>.</summary>
public static class OwnershipEndpoints
{
    public static void MapOwnershipRoutes(this RouteGroupBuilder api)
    {
        var owners = api.MapGroup("/models/{key}/owners").WithTags("Ownership");
        owners.MapGet("/", (string key, ClaimsPrincipal user, OwnershipService service, CancellationToken ct) =>
            service.OwnersAsync(user.ToActor(), key, ct))
            .WithName("GetModelOwners").WithSummary("Active owners of a model and every assignment ever made, newest first.");
        owners.MapPost("/", (string key, AssignOwnerRequest request, ClaimsPrincipal user, OwnershipService service, CancellationToken ct) =>
            service.AssignAsync(user.ToActor(), key, request.OwnerSubject, OwnershipRequestParsing.ParseRole(request.Role), request.Reason,
                request.ExpectedPrimarySubject, ct))
            .WithName("AssignModelOwner").WithSummary("Make a person primary or backup owner, with a reason; a new primary replaces the current one.");
        owners.MapPost("/{subject}/end", (string key, string subject, EndOwnerRequest request, ClaimsPrincipal user, OwnershipService service,
            CancellationToken ct) => service.EndAsync(user.ToActor(), key, subject, request.Reason, ct))
            .WithName("EndModelOwner").WithSummary("End a backup owner's role with a reason (a primary owner is replaced instead).");
        owners.MapPost("/acknowledge", (string key, ClaimsPrincipal user, OwnershipService service, CancellationToken ct) =>
            service.AcknowledgeAsync(user.ToActor(), key, ct))
            .WithName("AcknowledgeOwnership").WithSummary("The signed-in owner acknowledges their own owner role.");

        var ownership = api.MapGroup("/ownership").WithTags("Ownership");
        ownership.MapGet("/mine", (ClaimsPrincipal user, OwnershipService service, CancellationToken ct) => service.MineAsync(user.ToActor(), ct))
            .WithName("MyOwnership").WithSummary("The caller's active owner roles, with acknowledgment state.");
        ownership.MapGet("/unacknowledged", (ClaimsPrincipal user, OwnershipService service, CancellationToken ct) =>
            service.UnacknowledgedAsync(user.ToActor(), ct))
            .WithName("UnacknowledgedOwnership").WithSummary("Unacknowledged owner roles on the models of the teams the caller manages.");
        ownership.MapPost("/reassign", (ReassignRequest request, ClaimsPrincipal user, OwnershipService service, CancellationToken ct) =>
            service.ReassignAsync(user.ToActor(), request.FromSubject, request.ToSubject, request.Reason, request.Preview ?? true, ct))
            .WithName("ReassignOwnership").WithSummary("Hand every owner role of one person to another: preview, or apply all at once.");
    }
}
