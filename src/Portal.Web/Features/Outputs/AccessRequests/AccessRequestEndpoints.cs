using System.Security.Claims;
using Portal.Domain.Outputs;
using Portal.Web.Auth;
using Portal.Web.Features.Shared;

namespace Portal.Web.Features.Outputs.AccessRequests;

public static class AccessRequestEndpoints
{
    public static void MapAccessRequestEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/outputs/{id:int}/access-requests", RequestAsync).WithTags("Access requests").WithName("RequestOutputAccess")
            .WithSummary("A person asks to read an output: purpose, days wanted (1 to 365), and whether they need unmasked columns. " +
                "409 when they can already read it or already have an open request; service tokens are refused (403).")
            .Produces<AccessRequestView>(StatusCodes.Status201Created).ProducesValidationProblem();
        api.MapGet("/access-requests", ListAsync).WithTags("Access requests").WithName("ListAccessRequests")
            .WithSummary("My access requests and those I decide (as the model's primary owner or a Compliance reviewer); status=Pending|Granted|Denied filters both.");
        api.MapPost("/access-requests/{id:int}/decision", DecideAsync).WithTags("Access requests").WithName("DecideAccessRequest")
            .WithSummary("The model's primary owner or a Compliance reviewer (never the requester) grants (days at most those asked; unmasked only if asked) " +
                "or denies with a reason. 409 when already decided.")
            .Produces<AccessRequestView>().ProducesValidationProblem();
    }

    private static async Task<IResult> RequestAsync(int id, AccessRequestBody body, ClaimsPrincipal user, AccessRequestService service, CancellationToken ct)
    {
        var created = await service.RequestAsync(user.ToActor(), id, new AccessWish(body.Purpose, body.Days, body.Unmasked), ct);
        return Results.Created($"/api/v1/access-requests?status=Pending", created);
    }

    private static Task<AccessRequestLists> ListAsync(AccessRequestStatus? status, ClaimsPrincipal user, AccessRequestService service, CancellationToken ct) =>
        service.ListAsync(user.ToActor(), status, ct);

    private static Task<AccessRequestView> DecideAsync(int id, AccessDecision body, ClaimsPrincipal user, AccessRequestService service, CancellationToken ct) =>
        service.DecideAsync(user.ToActor(), id, body, ct);
}
