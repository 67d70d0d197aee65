using System.Security.Claims;
using Portal.Domain.Versions;
using Portal.Web.Auth;
using Portal.Web.Features.Shared;

namespace Portal.Web.Features.Versions;

public static class VersionEndpoints
{
    public static void MapVersionRoutes(this RouteGroupBuilder api)
    {
        var versions = api.MapGroup("/models/{key}/versions").WithTags("Versions");
        versions.MapGet("/", ListAsync).WithName("ListModelVersions").WithSummary("List a model's versions, newest first, paged.");
        versions.MapGet("/compare", CompareAsync).WithName("CompareModelVersions")
            .WithSummary("Compare two versions (?left=A&right=B): hyperparameters, metrics with deltas, data sets and code.");
        versions.MapGet("/{label}", GetAsync).WithName("GetModelVersion").WithSummary("Get one version with its full lineage (label is case-insensitive).");
        versions.MapPost("/", RegisterAsync).WithName("RegisterModelVersion").WithSummary("Register a version with its lineage; it cannot be changed afterwards.")
            .Produces<VersionView>(StatusCodes.Status201Created);
        versions.MapPut("/{label}/stage", SetStageAsync).WithName("SetModelVersionStage")
            .WithSummary("Move a version to Staging, Production or Archived; send the revision you read. Production archives the previous Production version.");
    }

    private static Task<PagedResult<VersionView>> ListAsync(string key, int? page, int? pageSize, ClaimsPrincipal user, VersionService service,
        CancellationToken cancellationToken) =>
        service.ListAsync(user.ToActor(), key, page, pageSize, cancellationToken);

    private static Task<VersionView> GetAsync(string key, string label, ClaimsPrincipal user, VersionService service, CancellationToken cancellationToken) =>
        service.GetAsync(user.ToActor(), key, label, cancellationToken);

    private static Task<VersionComparison> CompareAsync(string key, string? left, string? right, ClaimsPrincipal user, VersionService service,
        CancellationToken cancellationToken) =>
        service.CompareAsync(user.ToActor(), key, left, right, cancellationToken);

    private static async Task<IResult> RegisterAsync(string key, RegisterVersionRequest request, ClaimsPrincipal user, VersionService service,
        CancellationToken cancellationToken)
    {
        var version = await service.RegisterAsync(user.ToActor(), key, VersionRequestParsing.ToDetails(request), cancellationToken);
        return Results.Created($"/api/v1/models/{Uri.EscapeDataString(version.ModelKey)}/versions/{Uri.EscapeDataString(version.Label)}", version);
    }

    private static async Task<VersionView> SetStageAsync(string key, string label, SetStageRequest request, ClaimsPrincipal user, VersionService service,
        CancellationToken cancellationToken)
    {
        var (stage, revision) = VersionRequestParsing.ToStageMove(request);
        return (await service.SetStageAsync(user.ToActor(), key, label, stage, revision, cancellationToken)).Version;
    }
}
