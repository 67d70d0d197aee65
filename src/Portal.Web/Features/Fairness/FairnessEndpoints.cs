using System.Security.Claims;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;
using Portal.Domain.Fairness;
using Portal.Domain.Inventory;
using Portal.Web.Auth;
using Portal.Web.Features.Shared;

namespace Portal.Web.Features.Fairness;

public static class FairnessEndpoints
{
    public static void MapFairnessRoutes(this RouteGroupBuilder api)
    {
        var model = api.MapGroup("/models/{key}").WithTags("Fairness");
        model.MapGet("/fairness-evaluations", ListForModelAsync).WithName("ListFairnessEvaluations")
            .WithSummary("A model's fairness evaluations of every version, newest first.");
        var evaluations = model.MapGroup("/versions/{label}/fairness-evaluations");
        evaluations.MapGet("/", ListForVersionAsync).WithName("ListVersionFairnessEvaluations")
            .WithSummary("The fairness evaluations of one version, newest first.");
        evaluations.MapGet("/{id:int}", GetAsync).WithName("GetFairnessEvaluation")
            .WithSummary("One evaluation: per-group figures with Wilson intervals, disparities, verdict and the policy version it was judged against.");
        evaluations.MapPost("/", ComputeAsync).WithName("ComputeFairnessEvaluation")
            .WithSummary("Compute an evaluation from a predictions CSV: the body as text/csv, or multipart/form-data with a 'file' part. " +
                "Mapping (query or form fields): labelColumn, predictionColumn, sensitive (repeat for intersections), weightColumn, scoreColumn, positive (default 1), negative.")
            .Accepts<IFormFile>("multipart/form-data", "text/csv")
            .Produces<EvaluationSummary>(StatusCodes.Status201Created).ProducesValidationProblem()
            .DisableAntiforgery();
        evaluations.MapPost("/imported", ImportAsync).WithName("ImportFairnessEvaluation")
            .WithSummary("Record metrics computed elsewhere (the JSON that `portal fairness compute` prints); marked imported, judged against the policy in force.")
            .Produces<EvaluationSummary>(StatusCodes.Status201Created).ProducesValidationProblem();
        evaluations.MapPost("/{id:int}/attestation", AttestAsync).WithName("AttestFairnessEvaluation")
            .WithSummary("A ComplianceReviewer, as a person, attests an imported evaluation with a reason so that the fairness gate counts it " +
                "(not an owner of the model). Service tokens are refused (403).")
            .Produces<EvaluationSummary>().ProducesValidationProblem().Produces(StatusCodes.Status403Forbidden);

        var policies = api.MapGroup("/fairness/policies").WithTags("Fairness");
        policies.MapGet("/", PoliciesAsync).WithName("ListFairnessPolicies").WithSummary("The fairness policy in force for each risk tier.");
        policies.MapGet("/{tier}", PolicyHistoryAsync).WithName("FairnessPolicyHistory").WithSummary("Every version of a tier's fairness policy, newest first.");
        policies.MapPut("/{tier}", ChangePolicyAsync).WithName("ChangeFairnessPolicy")
            .WithSummary("Set a tier's thresholds (ComplianceReviewer or Admin); send the version you read. Creates a new policy version.");
    }

    private static Task<IReadOnlyList<EvaluationSummary>> ListForModelAsync(string key, ClaimsPrincipal user, FairnessService service, CancellationToken ct) =>
        service.ListAsync(user.ToActor(), key, null, ct);

    private static Task<IReadOnlyList<EvaluationSummary>> ListForVersionAsync(string key, string label, ClaimsPrincipal user, FairnessService service,
        CancellationToken ct) =>
        service.ListAsync(user.ToActor(), key, label, ct);

    private static Task<EvaluationDetail> GetAsync(string key, int id, ClaimsPrincipal user, FairnessService service, CancellationToken ct) =>
        service.GetAsync(user.ToActor(), key, id, ct);

    private static async Task<IResult> ComputeAsync(string key, string label, HttpContext context, FairnessService service, CancellationToken ct)
    {
        var request = context.Request;
        // Authorized before the body is touched: a refused caller's upload is never received.
        await service.EnsureMayPostAsync(context.User.ToActor(), key, label, ct);
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            // The configured limit (plus room for multipart framing) replaces the server's default.
            limit.MaxRequestBodySize = service.MaxUploadBytes + (1 << 20);
        }

        EvaluationSummary summary;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = service.MaxUploadBytes + (1 << 20) }, ct);
            var file = form.Files["file"] ?? throw InputRejectedException.For("file", "Attach the predictions CSV as the form part 'file'.");
            await using var content = file.OpenReadStream();
            summary = await service.ComputeAsync(context.User.ToActor(), key, label, content, file.FileName, Mapping(name => Merge(form[name], request.Query[name])), ct);
        }
        else
        {
            summary = await service.ComputeAsync(context.User.ToActor(), key, label, request.Body, request.Query["fileName"], Mapping(name => request.Query[name]), ct);
        }

        return Created(summary);
    }

    private static async Task<IResult> ImportAsync(string key, string label, FairnessReport? report, ClaimsPrincipal user, FairnessService service,
        CancellationToken ct) =>
        Created(await service.ImportAsync(user.ToActor(), key, label, report, ct));

    private static Task<EvaluationSummary> AttestAsync(string key, string label, int id, AttestationRequest body, ClaimsPrincipal user, FairnessService service,
        CancellationToken ct) =>
        service.AttestAsync(user.ToActor(), Releases.SigningSessions.From(user), key, label, id, body.Reason, ct);

    private static Task<IReadOnlyList<PolicyView>> PoliciesAsync(ClaimsPrincipal user, FairnessPolicyService service, CancellationToken ct) =>
        service.CurrentAsync(user.ToActor(), ct);

    private static Task<IReadOnlyList<PolicyView>> PolicyHistoryAsync(string tier, ClaimsPrincipal user, FairnessPolicyService service, CancellationToken ct) =>
        service.HistoryAsync(user.ToActor(), Tier(tier), ct);

    private static Task<PolicyView> ChangePolicyAsync(string tier, PolicyChangeRequest change, ClaimsPrincipal user, FairnessPolicyService service,
        CancellationToken ct) =>
        service.ChangeAsync(user.ToActor(), Tier(tier), change, ct);

    private static IResult Created(EvaluationSummary s) => Results.Created(
        $"/api/v1/models/{Uri.EscapeDataString(s.ModelKey)}/versions/{Uri.EscapeDataString(s.VersionLabel)}/fairness-evaluations/{s.Id}", s);

    private static FairnessMapping Mapping(Func<string, StringValues> field)
    {
        string? One(string name) => field(name).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();
        return new FairnessMapping(
            One("labelColumn") ?? "",
            One("predictionColumn") ?? "",
            [.. field("sensitive").Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim())],
            One("weightColumn"),
            One("scoreColumn"),
            One("positive") ?? "1",
            One("negative"));
    }

    private static StringValues Merge(StringValues form, StringValues query) => StringValues.Concat(form, query);

    private static RiskTier Tier(string tier) => Enum.TryParse<RiskTier>(tier, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
        ? parsed
        : throw InputRejectedException.For("tier", $"'{tier}' is not a risk tier; use Low, Medium or High.");
}
