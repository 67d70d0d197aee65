using System.Security.Claims;
using Portal.Domain.Inventory;
using Portal.Domain.Releases;
using Portal.Web.Auth;
using Portal.Web.Features.Shared;

namespace Portal.Web.Features.Releases;

public static class ReleaseEndpoints
{
    public static void MapReleaseRoutes(this RouteGroupBuilder api)
    {
        var releases = api.MapGroup("/releases").WithTags("Releases");
        releases.MapPost("/", CreateAsync).WithName("CreateReleaseRequest")
            .WithSummary("Request the release of a version to Staging or Production, with a summary and rollout plan (owners and team members).")
            .Produces<ReleaseSummary>(StatusCodes.Status201Created);
        releases.MapGet("/", ListAsync).WithName("ListReleaseRequests").WithSummary("List release requests, newest first (?model=&status=), paged.");
        releases.MapGet("/{id:int}", GetAsync).WithName("GetReleaseRequest")
            .WithSummary("A request with its status, gate results, exceptions and signatures, each with its verification status.");
        releases.MapPost("/{id:int}/withdraw", WithdrawAsync).WithName("WithdrawReleaseRequest").WithSummary("Withdraw a pending request (the requester or an Admin).");
        releases.MapPost("/{id:int}/exceptions", RecordExceptionAsync).WithName("RecordGateException")
            .WithSummary("A ComplianceReviewer, as a person within 5 minutes of re-authenticating, lets a failing gate not block this request until an expiry, " +
                "with a justification. Service tokens are refused (403).");
        releases.MapPost("/{id:int}/signatures", SignAsync).WithName("SignReleaseRequest")
            .WithSummary("Always refused: signatures are made by people on the request page after re-authenticating, never by tokens.")
            .Produces(StatusCodes.Status403Forbidden);
        api.MapGet("/models/{key}/versions/{label}/approval", ApprovalAsync).WithTags("Releases").WithName("GetVersionApproval")
            .WithSummary("Gate check for CD (?stage=Production): approved when the version is in the stage through a request whose signatures verify and meet " +
                "the policy frozen with it, not past revalidation; reasons otherwise.");
        api.MapGet("/releases/production-approvals", ProductionApprovalsAsync).WithTags("Releases").WithName("ListProductionApprovals")
            .WithSummary("Every model's production version with its approval date and revalidation due date.");
        var policies = api.MapGroup("/approval-policies").WithTags("Releases");
        policies.MapGet("/", PoliciesAsync).WithName("ListApprovalPolicies").WithSummary("The approval policy of each risk tier.");
        policies.MapPut("/{tier}", ChangePolicyAsync).WithName("ChangeApprovalPolicy").WithSummary("Change a risk tier's approval policy (Admin); send the revision you read.");
    }

    private static async Task<IResult> CreateAsync(CreateReleaseRequest body, ClaimsPrincipal user, ReleaseService service, CancellationToken cancellationToken)
    {
        var created = await service.CreateAsync(user.ToActor(), body.ModelKey ?? "", body.VersionLabel, ReleaseRequestParsing.Stage(body.TargetStage),
            body.Summary, body.RolloutPlan, cancellationToken);
        return Results.Created($"/api/v1/releases/{created.Id}", created);
    }

    private static Task<PagedResult<ReleaseSummary>> ListAsync(string? model, string? status, int? page, int? pageSize, ClaimsPrincipal user,
        ReleaseService service, CancellationToken cancellationToken)
    {
        ReleaseStatus? wanted = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            wanted = Enum.TryParse<ReleaseStatus>(status, ignoreCase: true, out var parsed) && !int.TryParse(status, out _)
                ? parsed
                : throw InputRejectedException.For("status", $"Status must be one of {string.Join(", ", Enum.GetNames<ReleaseStatus>())}.");
        }
        return service.ListAsync(user.ToActor(), model, wanted, page, pageSize, cancellationToken);
    }

    private static Task<ReleaseDetail> GetAsync(int id, ClaimsPrincipal user, ReleaseService service, CancellationToken cancellationToken) =>
        service.GetAsync(user.ToActor(), id, cancellationToken);

    private static Task<ReleaseSummary> WithdrawAsync(int id, ClaimsPrincipal user, ReleaseService service, CancellationToken cancellationToken) =>
        service.WithdrawAsync(user.ToActor(), id, cancellationToken);

    private static Task<GateExceptionView> RecordExceptionAsync(int id, RecordGateExceptionRequest body, ClaimsPrincipal user, ReleaseService service,
        CancellationToken cancellationToken) =>
        service.RecordExceptionAsync(user.ToActor(), SigningSessions.From(user), id, body.Gate, body.Justification, body.ExpiresAt?.ToUniversalTime(), cancellationToken);

    /// <summary>Bearer callers are tokens, so the service refuses them (audited); kept so that a pipeline gets a clear answer rather than 404.</summary>
    private static Task<ReleaseDetail> SignAsync(int id, SignReleaseRequest body, ClaimsPrincipal user, ReleaseService service, CancellationToken cancellationToken) =>
        service.SignAsync(user.ToActor(), SigningSessions.From(user), id, ReleaseRequestParsing.Meaning(body.Meaning), body.Reason, cancellationToken);

    private static Task<ApprovalCheck> ApprovalAsync(string key, string label, string? stage, ClaimsPrincipal user, ReleaseService service,
        CancellationToken cancellationToken) =>
        service.ApprovalAsync(user.ToActor(), key, label, stage, cancellationToken);

    private static Task<IReadOnlyList<ProductionApproval>> ProductionApprovalsAsync(ClaimsPrincipal user, ReleaseService service, CancellationToken cancellationToken) =>
        service.ProductionApprovalsAsync(user.ToActor(), cancellationToken);

    private static Task<IReadOnlyList<ApprovalPolicyView>> PoliciesAsync(ClaimsPrincipal user, ApprovalPolicyService service, CancellationToken cancellationToken) =>
        service.ListAsync(user.ToActor(), cancellationToken);

    private static Task<ApprovalPolicyView> ChangePolicyAsync(string tier, ChangeApprovalPolicyRequest body, ClaimsPrincipal user, ApprovalPolicyService service,
        CancellationToken cancellationToken)
    {
        var riskTier = Enum.TryParse<RiskTier>(tier, ignoreCase: true, out var parsed) && !int.TryParse(tier, out _)
            ? parsed
            : throw InputRejectedException.For("tier", "Tier must be Low, Medium or High.");
        return service.ChangeAsync(user.ToActor(), riskTier, ReleaseRequestParsing.Rules(body), body.Revision ?? 0, cancellationToken);
    }
}
