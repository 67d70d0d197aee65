using System.Security.Claims;
using Portal.Domain.Audits;
using Portal.Web.Auth;
using Portal.Web.Features.Shared;
using Portal.Web.Features.Shared.Evidence;

namespace Portal.Web.Features.Audits;

public static class AuditEndpoints
{
    public static void MapAuditRequestRoutes(this RouteGroupBuilder api)
    {
        var requests = api.MapGroup("/audit-requests").WithTags("Audit requests");
        requests.MapPost("/", OpenAsync).WithName("OpenAuditRequest")
            .WithSummary("An Auditor or Compliance reviewer asks about models: title, models, questions, dueAt, priority (Low, Normal, High, Urgent), " +
                "optional scopeFrom/scopeTo. One item per question and model, assigned to the model's primary owner.")
            .Produces<AuditRequestRecord>(StatusCodes.Status201Created).ProducesValidationProblem();
        requests.MapGet("/", ListAsync).WithName("ListAuditRequests")
            .WithSummary("The audit requests the caller may see (?status=Open|Closed&model=&mine=true), open first, earliest due first, paged.");
        requests.MapGet("/evidence-kinds", (EvidenceSources sources) => sources.Kinds).WithName("ListEvidenceKinds")
            .WithSummary("The kinds of records an answer can link as evidence, and how each names its record.");
        requests.MapGet("/{id:guid}", GetAsync).WithName("GetAuditRequest")
            .WithSummary("A request with its scope, items, every answer and each evidence link with the snapshot frozen when linked, and what the caller may do.");
        var item = requests.MapGroup("/{id:guid}/items/{number:int}");
        item.MapPost("/answer", AnswerAsync).WithName("AnswerAuditItem")
            .WithSummary("The assignee answers: text and evidence [{kind, reference}], each captured as the assignee may read it; send the item revision you read.")
            .ProducesValidationProblem();
        item.MapPost("/accept", AcceptAsync).WithName("AcceptAuditAnswer")
            .WithSummary("The requester accepts the answer (comment optional); the request closes when every item is accepted.");
        item.MapPost("/return", ReturnAsync).WithName("ReturnAuditAnswer")
            .WithSummary("The requester returns the answer with a comment saying what is missing; the assignee answers again.");
        item.MapPost("/reassign", ReassignAsync).WithName("ReassignAuditItem")
            .WithSummary("A manager of the model's team, or an Admin, gives the item to another owner or team member of the model (assignee: subject).");
    }

    private static async Task<IResult> OpenAsync(OpenAuditRequestInput body, ClaimsPrincipal user, AuditRequestService service, CancellationToken cancellationToken)
    {
        var opened = await service.OpenAsync(user.ToActor(), body, cancellationToken);
        return Results.Created($"/api/v1/audit-requests/{opened.Id}", opened);
    }

    private static Task<PagedResult<AuditRequestSummary>> ListAsync(string? status, string? model, bool? mine, int? page, int? pageSize, ClaimsPrincipal user,
        AuditRequestService service, CancellationToken cancellationToken)
    {
        AuditRequestStatus? parsed = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            parsed = AuditRules.ParseStatus<AuditRequestStatus>(status) ?? throw InputRejectedException.For("status", "Status is Open or Closed.");
        }
        return service.ListAsync(user.ToActor(), new AuditRequestQuery(parsed, model, mine == true, page, pageSize), cancellationToken);
    }

    private static Task<AuditRequestDetail> GetAsync(Guid id, ClaimsPrincipal user, AuditRequestService service, CancellationToken cancellationToken) =>
        service.GetAsync(user.ToActor(), id, cancellationToken);

    private static Task<AuditItemRecord> AnswerAsync(Guid id, int number, AnswerInput body, ClaimsPrincipal user, AuditRequestService service,
        CancellationToken cancellationToken) =>
        service.AnswerAsync(user.ToActor(), id, number, body, cancellationToken);

    private static Task<AuditItemRecord> AcceptAsync(Guid id, int number, DecisionInput body, ClaimsPrincipal user, AuditRequestService service,
        CancellationToken cancellationToken) =>
        service.AcceptAsync(user.ToActor(), id, number, body, cancellationToken);

    private static Task<AuditItemRecord> ReturnAsync(Guid id, int number, DecisionInput body, ClaimsPrincipal user, AuditRequestService service,
        CancellationToken cancellationToken) =>
        service.ReturnAsync(user.ToActor(), id, number, body, cancellationToken);

    private static Task<AuditItemRecord> ReassignAsync(Guid id, int number, ReassignInput body, ClaimsPrincipal user, AuditRequestService service,
        CancellationToken cancellationToken) =>
        service.ReassignAsync(user.ToActor(), id, number, body, cancellationToken);
}
