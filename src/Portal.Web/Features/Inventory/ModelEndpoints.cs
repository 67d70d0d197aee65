using System.Security.Claims;
using Portal.Domain.Inventory;
using Portal.Web.Auth;
using Portal.Web.Features.PointInTime;
using Portal.Web.Features.Shared;

namespace Portal.Web.Features.Inventory;

public static class ModelEndpoints
{
    public static void MapModelEndpoints(this RouteGroupBuilder api)
    {
        var models = api.MapGroup("/models").WithTags("Models");
        models.MapInventoryExport("");
        models.MapGet("/", SearchAsync).WithName("ListModels").WithSummary("List models, filtered and paged; flag=<rule> (or flag=any) keeps models with an open flag of that rule; card=incomplete|unreviewed keeps models whose card is not complete for their tier's template, or whose latest card revision is not reviewed.")
            .WithDescription("search finds key, name, description and owner names containing the text; a text of one or two characters matches the start of a word."
                + AsOfEndpoints.Description + " Then the answer is an inventory as of the moment (items, totalCount, throughEvent), pageSize up to 5000.")
            .Produces<PagedResult<ModelSummary>>().Produces<Domain.PointInTime.InventoryAsOf>();
        models.MapGet("/{key}", GetAsync).WithName("GetModel").WithSummary("Get one model by its key (case-insensitive).")
            .WithDescription("With asOf, the model as of that moment: stages, owners, risk tier, card revision, open flags and production approvals." + AsOfEndpoints.Description
                + " A moment before the model was registered is a 404.")
            // One schema per status: the plain read (which carries the ETag) is the one declared; the as-of answer is described above.
            .Produces<ModelView>();
        models.MapPost("/", CreateAsync).WithName("CreateModel").WithSummary("Register a model.").Produces<ModelView>(StatusCodes.Status201Created);
        models.MapPut("/{key}", UpdateAsync).WithName("UpdateModel").WithSummary("Edit a model; send the revision you read.");
        models.MapPost("/{key}/retire", RetireAsync).WithName("RetireModel")
            .WithSummary("Retire a model with a reason; its pending release requests are withdrawn.");
        models.MapPut("/{key}/classification", ClassifyAsync).WithName("ClassifyModel")
            .WithSummary("Change a model's risk tier and team (ComplianceReviewer or Admin) with a reason; refused while a release is pending.");
    }

    private static async Task<IResult> SearchAsync(ClaimsPrincipal user, ModelService service,
        string? search, LifecycleStatus? status, RiskTier? riskTier, string? team, string? tag, string? owner, InventoryView? view, string? flag,
        ModelSort? sort, bool? descending, int? page, int? pageSize, string? card, string? asOf, PointInTimeService pointInTime, CancellationToken cancellationToken)
    {
        if (asOf is not null)
        {
            string[] unsupported = [.. new (string Name, bool Given)[] { ("tag", tag is not null), ("owner", owner is not null), ("view", view is not null),
                ("flag", flag is not null), ("sort", sort is not null), ("descending", descending is not null), ("card", card is not null) }
                .Where(p => p.Given).Select(p => p.Name)];
            return await AsOfEndpoints.InventoryAsync(user, pointInTime, asOf, search, status, riskTier, team, page, pageSize, unsupported, cancellationToken);
        }
        var (p, size) = Paging.Normalize(page, pageSize);
        var query = new ModelQuery(search, status, riskTier, team, tag, sort ?? ModelSort.Key, descending ?? false, p, size, owner, view ?? InventoryView.All, flag, Card: CardFilters.Parse(card));
        return Results.Ok(await service.SearchAsync(user.ToActor(), query, cancellationToken));
    }

    private static async Task<IResult> GetAsync(string key, ClaimsPrincipal user, ModelService service, string? asOf, PointInTimeService pointInTime,
        CancellationToken cancellationToken) =>
        asOf is not null
            ? await AsOfEndpoints.ModelAsync(user, pointInTime, key, asOf, cancellationToken)
            : Results.Ok(await service.GetAsync(user.ToActor(), key, cancellationToken));

    private static async Task<IResult> CreateAsync(CreateModelRequest request, ClaimsPrincipal user, ModelService service,
        CancellationToken cancellationToken)
    {
        var details = ModelRequestParsing.ToDetails(request.Key, request.Name, request.Description, request.Team, request.RiskTier, request.Status,
            request.Tags);
        var model = await service.RegisterAsync(user.ToActor(), details, cancellationToken);
        return Results.Created($"/api/v1/models/{Uri.EscapeDataString(model.Key)}", model);
    }

    /// <summary>An edit that leaves out riskTier or team keeps them; sending a different one is refused by the service.</summary>
    private static async Task<ModelView> UpdateAsync(string key, UpdateModelRequest request, ClaimsPrincipal user, ModelService service,
        CancellationToken cancellationToken)
    {
        var actor = user.ToActor();
        var current = await service.GetAsync(actor, key, cancellationToken);
        var details = ModelRequestParsing.ToDetails(key, request.Name, request.Description, request.Team ?? current.Team,
            request.RiskTier ?? current.RiskTier.ToString(), request.Status, request.Tags);
        return await service.UpdateAsync(actor, key, details, request.Revision, cancellationToken);
    }

    private static Task<ModelView> RetireAsync(string key, RetireModelRequest request, ClaimsPrincipal user, ModelService service,
        CancellationToken cancellationToken) =>
        service.RetireAsync(user.ToActor(), key, request.Reason ?? "", request.Revision, cancellationToken);

    private static Task<ModelView> ClassifyAsync(string key, ClassifyModelRequest request, ClaimsPrincipal user, ModelService service,
        CancellationToken cancellationToken)
    {
        var tier = ModelRequestParsing.ParseTier(request.RiskTier);
        return service.ClassifyAsync(user.ToActor(), key, tier, request.Team ?? "", request.Reason ?? "", request.Revision,
            cancellationToken);
    }
}
