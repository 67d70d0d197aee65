using System.Security.Claims;
using Portal.Domain.Inventory;
using Portal.Web.Auth;
using Portal.Web.Features.Releases;
using Portal.Web.Features.Shared;

namespace Portal.Web.Features.ModelCards;

public static class ModelCardEndpoints
{
    public static void MapModelCardRoutes(this RouteGroupBuilder api)
    {
        var card = api.MapGroup("/models/{key}/card").WithTags("Model cards");
        card.MapGet("/", GetAsync).WithName("GetModelCard")
            .WithSummary("The model's card: the latest revision, or ?revision=N; sections as Markdown and safe HTML, completeness and review.");
        card.MapGet("/revisions", RevisionsAsync).WithName("ListModelCardRevisions").WithSummary("Every revision of the card, newest first, with its review.");
        card.MapGet("/compare", CompareAsync).WithName("CompareModelCardRevisions")
            .WithSummary("Section by section, the words added and removed from revision ?left= to ?right=.");
        card.MapPut("/sections/{section}", SaveSectionAsync).WithName("SaveModelCardSection")
            .WithSummary("Save one section as the next revision (owners, the team, Admins). Send the revision you read; a stale one is a 409.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        card.MapPost("/reviews", ReviewAsync).WithName("ReviewModelCard")
            .WithSummary("A Compliance reviewer, as a person who does not own the model, marks the latest revision reviewed. Service tokens are refused (403).")
            .Produces<ReviewView>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);

        card.MapGet("/export.md", ExportAsync).WithName("ExportModelCard")
            .WithSummary("A revision (latest, or ?revision=N) as Markdown with Hugging Face YAML front matter (tags, datasets, metrics, model-index).")
            .Produces<string>(contentType: "text/markdown");
        card.MapPost("/import", ImportAsync).WithName("ImportModelCard")
            .WithSummary("Import a Hugging Face README.md: front matter to fields, headings to sections, unknown headings to custom sections. " +
                "With preview=true nothing is saved; otherwise the sections are saved as the next revision (send the revision you read).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);

        var templates = api.MapGroup("/card-templates").WithTags("Model cards");
        templates.MapGet("/", TemplatesAsync).WithName("ListCardTemplates").WithSummary("The card template in force for each risk tier.");
        templates.MapGet("/{tier}", TemplateHistoryAsync).WithName("CardTemplateHistory").WithSummary("Every version of a tier's card template, newest first.");
        templates.MapPut("/{tier}", ChangeTemplateAsync).WithName("ChangeCardTemplate")
            .WithSummary("Set a tier's required sections and minimum words (Admin or Compliance reviewer); send the version you read.");
    }

    private static Task<CardView> GetAsync(string key, int? revision, ClaimsPrincipal user, ModelCardService service, CancellationToken ct) =>
        service.GetAsync(user.ToActor(), key, revision, ct);

    private static Task<IReadOnlyList<RevisionSummary>> RevisionsAsync(string key, ClaimsPrincipal user, ModelCardService service, CancellationToken ct) =>
        service.RevisionsAsync(user.ToActor(), key, ct);

    private static Task<CardComparison> CompareAsync(string key, int? left, int? right, ClaimsPrincipal user, ModelCardService service,
        CancellationToken ct) =>
        left is null || right is null
            ? throw InputRejectedException.For("left", "Send the two revisions to compare as ?left=&right=.")
            : service.CompareAsync(user.ToActor(), key, left.Value, right.Value, ct);

    private static Task<CardView> SaveSectionAsync(string key, string section, SaveSectionRequest body, ClaimsPrincipal user, ModelCardService service,
        CancellationToken ct) =>
        service.SaveSectionAsync(user.ToActor(), key, section, body, ct);

    private static async Task<IResult> ReviewAsync(string key, ReviewRequest body, ClaimsPrincipal user, ModelCardService service, CancellationToken ct)
    {
        var review = await service.ReviewAsync(user.ToActor(), SigningSessions.From(user), key, body, ct);
        return Results.Created($"/api/v1/models/{Uri.EscapeDataString(key)}/card?revision={review.Revision}", review);
    }

    private static async Task<IResult> ExportAsync(string key, int? revision, ClaimsPrincipal user, CardInterchange interchange, CancellationToken ct) =>
        Results.Text(await interchange.ExportMarkdownAsync(user.ToActor(), key, revision, ct), "text/markdown; charset=utf-8");

    private static Task<object> ImportAsync(string key, CardImportRequest body, ClaimsPrincipal user, CardInterchange interchange, CancellationToken ct) =>
        interchange.ImportAsync(user.ToActor(), key, body, ct);

    private static Task<IReadOnlyList<TemplateView>> TemplatesAsync(ClaimsPrincipal user, CardTemplateService service, CancellationToken ct) =>
        service.CurrentAsync(user.ToActor(), ct);

    private static Task<IReadOnlyList<TemplateView>> TemplateHistoryAsync(string tier, ClaimsPrincipal user, CardTemplateService service,
        CancellationToken ct) =>
        service.HistoryAsync(user.ToActor(), Tier(tier), ct);

    private static Task<TemplateView> ChangeTemplateAsync(string tier, TemplateChangeRequest body, ClaimsPrincipal user, CardTemplateService service,
        CancellationToken ct) =>
        service.ChangeAsync(user.ToActor(), Tier(tier), body, ct);

    private static RiskTier Tier(string tier) => Enum.TryParse<RiskTier>(tier, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
        ? parsed
        : throw InputRejectedException.For("tier", $"'{tier}' is not a risk tier; use Low, Medium or High.");
}
