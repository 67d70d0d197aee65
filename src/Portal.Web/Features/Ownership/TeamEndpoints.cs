using System.Security.Claims;
using Portal.Web.Auth;

namespace Portal.Web.Features.Ownership;

/// <summary>Teams and their members under <c>/api/v1/teams</c>.</summary>
public static class TeamEndpoints
{
    public static void MapTeamRoutes(this RouteGroupBuilder api)
    {
        var teams = api.MapGroup("/teams").WithTags("Teams");
        teams.MapGet("/", (ClaimsPrincipal user, TeamService service, CancellationToken ct) => service.ListAsync(user.ToActor(), ct))
            .WithName("ListTeams").WithSummary("Every team with its managers and members.");
        teams.MapGet("/{name}", (string name, ClaimsPrincipal user, TeamService service, CancellationToken ct) =>
            service.GetAsync(user.ToActor(), name, ct))
            .WithName("GetTeam").WithSummary("One team by name (case-insensitive).");
        teams.MapPost("/", CreateAsync).WithName("CreateTeam").WithSummary("Create a team (Admin).").Produces<TeamView>(StatusCodes.Status201Created);
        teams.MapPut("/{name}/members/{subject}", (string name, string subject, SetTeamMemberRequest request, ClaimsPrincipal user,
            TeamService service, CancellationToken ct) =>
            service.SetMemberAsync(user.ToActor(), name, subject, request.IsManager ?? false, OwnershipRequestParsing.RequireRevision(request.Revision), ct))
            .WithName("SetTeamMember").WithSummary("Add a person to a team or change whether they manage it; send the team's revision.");
        teams.MapPost("/{name}/members/{subject}/remove", (string name, string subject, RemoveTeamMemberRequest request, ClaimsPrincipal user,
            TeamService service, CancellationToken ct) =>
            service.RemoveMemberAsync(user.ToActor(), name, subject, OwnershipRequestParsing.RequireRevision(request.Revision), ct))
            .WithName("RemoveTeamMember").WithSummary("Remove a person from a team (never its last manager); send the team's revision.");
    }

    private static async Task<IResult> CreateAsync(CreateTeamRequest request, ClaimsPrincipal user, TeamService service, CancellationToken ct)
    {
        var team = await service.CreateAsync(user.ToActor(), request.Name, request.Description, ct);
        return Results.Created($"/api/v1/teams/{Uri.EscapeDataString(team.Name)}", team);
    }
}
