using System.Security.Claims;
using Portal.Domain.Findings;
using Portal.Web.Auth;
using Portal.Web.Features.Shared;

namespace Portal.Web.Features.Findings;

public static class FindingEndpoints
{
    public static void MapFindingRoutes(this RouteGroupBuilder api)
    {
        var ofModel = api.MapGroup("/models/{key}/findings").WithTags("Findings");
        ofModel.MapGet("/", ListForModelAsync).WithName("ListModelFindings")
            .WithSummary("A model's findings, those still to act on first, the earliest due first; filter by status and severity; paged.");
        ofModel.MapPost("/", RaiseAsync).WithName("RaiseFinding")
            .WithSummary("Raise a finding (ComplianceReviewer or Admin): title, severity (Low, Medium, High, Critical), description, remediationOwner " +
                "(a person's subject from the user directory, not yourself) and dueDate (yyyy-MM-dd, today to two years ahead).")
            .Produces<FindingView>(StatusCodes.Status201Created).ProducesValidationProblem();

        var findings = api.MapGroup("/findings").WithTags("Findings");
        findings.MapGet("/", ListAsync).WithName("ListFindings")
            .WithSummary("Every finding, filtered by status (Open, Remediated, Reopened, Closed), severity, model key and team; paged.");
        findings.MapGet("/{id:guid}", GetAsync).WithName("GetFinding").WithSummary("One finding with its remediation, evidence and decisions.");
        findings.MapPost("/{id:guid}/remediate", RemediateAsync).WithName("RemediateFinding")
            .WithSummary("The remediation owner says what was done (note) with evidence: [{kind: Document|Version|ReleaseRequest, reference: " +
                "document id, version label or request number}] of the same model. Send the revision you read (409 when stale).");
        findings.MapPost("/{id:guid}/close", CloseAsync).WithName("CloseFinding")
            .WithSummary("Accept a remediated finding with a note: a ComplianceReviewer who is neither its remediation owner nor an owner of the model.");
        findings.MapPost("/{id:guid}/reopen", ReopenAsync).WithName("ReopenFinding")
            .WithSummary("Send a remediated or closed finding back to its remediation owner with a reason (same people as closing).");
        findings.MapPost("/{id:guid}/reassign", ReassignAsync).WithName("ReassignFinding")
            .WithSummary("Hand an open or reopened finding to a new remediationOwner (a person's subject from the user directory, not the reviewer who " +
                "raised it): a ComplianceReviewer, the reviewer who raised it, or a manager of the model's primary owner. Send the revision you read (409 when stale).");
    }

    private static Task<PagedResult<FindingView>> ListForModelAsync(string key, string? status, string? severity, int? page, int? pageSize,
        ClaimsPrincipal user, FindingService service, CancellationToken cancellationToken) =>
        service.ListForModelAsync(user.ToActor(), key, Query(status, severity, key, null, page, pageSize), cancellationToken);

    private static Task<PagedResult<FindingView>> ListAsync(string? status, string? severity, string? model, string? team, int? page, int? pageSize,
        ClaimsPrincipal user, FindingService service, CancellationToken cancellationToken) =>
        service.ListAsync(user.ToActor(), Query(status, severity, model, team, page, pageSize), cancellationToken);

    private static Task<FindingView> GetAsync(Guid id, ClaimsPrincipal user, FindingService service, CancellationToken cancellationToken) =>
        service.GetAsync(user.ToActor(), id, cancellationToken);

    private static async Task<IResult> RaiseAsync(string key, RaiseFindingRequest request, ClaimsPrincipal user, FindingService service,
        CancellationToken cancellationToken)
    {
        // An unknown severity stays null here, so that the rules name the field rather than the JSON binder failing.
        var details = new FindingDetails(request.Title, FindingRules.ParseSeverity(request.Severity), request.Description, request.RemediationOwner, request.DueDate);
        var finding = await service.RaiseAsync(user.ToActor(), key, details, cancellationToken);
        return Results.Created($"/api/v1/findings/{finding.Id}", finding);
    }

    private static Task<FindingView> RemediateAsync(Guid id, RemediateFindingRequest request, ClaimsPrincipal user, FindingService service,
        CancellationToken cancellationToken) =>
        service.RemediateAsync(user.ToActor(), id, request.Note,
            request.Evidence?.Select(e => new EvidenceInput(FindingRules.ParseEvidenceKind(e.Kind), e.Reference)).ToList(), request.Revision, cancellationToken);

    private static Task<FindingView> CloseAsync(Guid id, CloseFindingRequest request, ClaimsPrincipal user, FindingService service,
        CancellationToken cancellationToken) =>
        service.CloseAsync(user.ToActor(), id, request.Note, request.Revision, cancellationToken);

    private static Task<FindingView> ReopenAsync(Guid id, ReopenFindingRequest request, ClaimsPrincipal user, FindingService service,
        CancellationToken cancellationToken) =>
        service.ReopenAsync(user.ToActor(), id, request.Reason, request.Revision, cancellationToken);

    private static Task<FindingView> ReassignAsync(Guid id, ReassignFindingRequest request, ClaimsPrincipal user, FindingService service,
        CancellationToken cancellationToken) =>
        service.ReassignAsync(user.ToActor(), id, request.RemediationOwner, request.Revision, cancellationToken);

    private static FindingQuery Query(string? status, string? severity, string? model, string? team, int? page, int? pageSize)
    {
        var errors = new Dictionary<string, string[]>();
        var parsedStatus = Parse(errors, "status", status, FindingRules.ParseStatus, "Status is one of Open, Remediated, Reopened or Closed.");
        var parsedSeverity = Parse(errors, "severity", severity, FindingRules.ParseSeverity, FindingRules.SeverityMessage);
        if (errors.Count > 0)
        {
            throw new InputRejectedException(errors);
        }
        return new FindingQuery(parsedStatus, parsedSeverity, model, team, page, pageSize);
    }

    private static T? Parse<T>(Dictionary<string, string[]> errors, string field, string? text, Func<string?, T?> parse, string message) where T : struct
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var parsed = parse(text);
        if (parsed is null)
        {
            errors[field] = [message];
        }
        return parsed;
    }
}
