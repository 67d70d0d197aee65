using System.Security.Claims;
using Microsoft.AspNetCore.Http.Features;
using Portal.Domain.Documents;
using Portal.Web.Auth;
using Portal.Web.Features.Shared;
using Portal.Web.Features.Shared.Storage;

namespace Portal.Web.Features.Documents;

public static class DocumentEndpoints
{
    /// <summary>Room for the multipart framing and the metadata fields around the file.</summary>
    private const long FormOverhead = 1 << 20;

    public static void MapDocumentRoutes(this RouteGroupBuilder api)
    {
        var documents = api.MapGroup("/models/{key}/documents").WithTags("Documents");
        documents.MapGet("/", ListAsync).WithName("ListModelDocuments")
            .WithSummary("A model's documents, newest first, paged; filter by version and kind; withdrawn ones only with includeWithdrawn=true.");
        documents.MapPost("/", UploadAsync).WithName("UploadModelDocument")
            .WithSummary("Attach a document: multipart/form-data with a 'file' part and the fields title, kind (ValidationReport, RiskAssessment, " +
                "DataSheet, Other), description (optional) and version (optional label). The type is recognised by the content: PDF, PNG, JPEG, " +
                "DOCX, XLSX, PPTX, CSV, plain text, Markdown or JSON; anything else is refused (400) naming what it is. Up to Documents:MaxUploadBytes (413 beyond).")
            .Accepts<IFormFile>("multipart/form-data")
            .Produces<DocumentView>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .DisableAntiforgery();
        documents.MapGet("/{id:guid}", GetAsync).WithName("GetModelDocument").WithSummary("One document's record: metadata, file name, type, size, SHA-256.");
        documents.MapPut("/{id:guid}", DescribeAsync).WithName("DescribeModelDocument")
            .WithSummary("Change a document's title, description, kind or version; send the revision you read (409 when stale). The file never changes.");
        documents.MapPost("/{id:guid}/withdraw", WithdrawAsync).WithName("WithdrawModelDocument")
            .WithSummary("Withdraw a document that no longer applies, with a reason. Its record and file are kept for the audit.");
        documents.MapGet("/{id:guid}/content", DownloadAsync).WithName("DownloadModelDocument")
            .WithSummary("The file, streamed as an attachment with the detected Content-Type and Repr-Digest (SHA-256). Checked against its SHA-256 first: " +
                "a changed file is refused (500) and audited. A withdrawn document's file is for Admin, Auditor and ComplianceReviewer only.")
            .Produces<Stream>(contentType: "application/octet-stream");
    }

    /// <summary>The download for a signed-in person's browser (cookie), from the Documents tab.</summary>
    public static void MapDocumentDownloadForPeople(this IEndpointRouteBuilder app) =>
        app.MapGet("/models/{key}/documents/{id:guid}/content", DownloadAsync).RequireAuthorization(PortalAuthSchemes.PortalUserPolicy).ExcludeFromDescription();

    private static Task<PagedResult<DocumentView>> ListAsync(string key, string? version, string? kind, bool? includeWithdrawn, int? page, int? pageSize,
        ClaimsPrincipal user, DocumentService service, CancellationToken cancellationToken)
    {
        DocumentKind? parsed = null;
        if (!string.IsNullOrWhiteSpace(kind))
        {
            parsed = DocumentRules.ParseKind(kind) ?? throw InputRejectedException.For("kind", DocumentRules.KindMessage);
        }
        return service.ListAsync(user.ToActor(), key, new DocumentQuery(version, parsed, includeWithdrawn == true, page, pageSize), cancellationToken);
    }

    private static Task<DocumentView> GetAsync(string key, Guid id, ClaimsPrincipal user, DocumentService service, CancellationToken cancellationToken) =>
        service.GetAsync(user.ToActor(), key, id, cancellationToken);

    private static async Task<IResult> UploadAsync(string key, HttpContext context, DocumentService service, CancellationToken cancellationToken)
    {
        var actor = context.User.ToActor();
        // Authorized before the body is touched: a refused caller's upload is never received.
        await service.EnsureMayManageAsync(actor, key, cancellationToken);
        var limit = service.MaxUploadBytes + FormOverhead;
        if (context.Request.ContentLength > limit)
        {
            throw new ContentTooLargeException(service.MaxUploadBytes);
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
        {
            bodyLimit.MaxRequestBodySize = limit;
        }
        if (!context.Request.HasFormContentType)
        {
            throw InputRejectedException.For("file",
                "Send the document as multipart/form-data with a 'file' part and the fields title, kind, description (optional) and version (optional).");
        }
        var form = await ReadFormAsync(context.Request, limit, service.MaxUploadBytes, cancellationToken);
        var file = form.Files["file"] ?? throw InputRejectedException.For("file", "Attach the document as the form part 'file'.");
        var kind = form["kind"].ToString();
        var details = new DocumentDetails(form["title"], NullIfEmpty(form["description"]), DocumentRules.ParseKind(kind), NullIfEmpty(form["version"]));
        await using var content = file.OpenReadStream();
        var document = await service.UploadAsync(actor, key, details, content, file.FileName, cancellationToken);
        return Results.Created($"/api/v1/models/{Uri.EscapeDataString(document.ModelKey)}/documents/{document.Id}", document);
    }

    private static async Task<IFormCollection> ReadFormAsync(HttpRequest request, long limit, long maxUploadBytes, CancellationToken cancellationToken)
    {
        try
        {
            return await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = limit }, cancellationToken);
        }
        catch (InvalidDataException tooLong) when (tooLong.Message.Contains("length limit", StringComparison.OrdinalIgnoreCase))
        {
            throw new ContentTooLargeException(maxUploadBytes);
        }
        catch (InvalidDataException malformed)
        {
            throw InputRejectedException.For("file", $"The multipart body could not be read: {malformed.Message}");
        }
    }

    private static Task<DocumentView> DescribeAsync(string key, Guid id, DocumentEditRequest request, ClaimsPrincipal user, DocumentService service,
        CancellationToken cancellationToken)
    {
        var kind = DocumentRules.ParseKind(request.Kind);
        return service.DescribeAsync(user.ToActor(), key, id, new DocumentDetails(request.Title, request.Description, kind, NullIfEmpty(request.Version)),
            request.Revision, cancellationToken);
    }

    private static Task<DocumentView> WithdrawAsync(string key, Guid id, DocumentWithdrawRequest request, ClaimsPrincipal user, DocumentService service,
        CancellationToken cancellationToken) =>
        service.WithdrawAsync(user.ToActor(), key, id, request.Reason, request.Revision, cancellationToken);

    private static async Task<IResult> DownloadAsync(string key, Guid id, HttpContext context, DocumentService service, CancellationToken cancellationToken)
    {
        var document = await service.OpenAsync(context.User.ToActor(), key, id, cancellationToken);
        var headers = context.Response.Headers;
        // Never rendered by the browser, whatever the file holds: saved as an attachment of the detected type, sniffing off, no scripts.
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = "sandbox; default-src 'none'";
        headers.CacheControl = "private, no-store";
        headers["Repr-Digest"] = $"sha-256=:{Convert.ToBase64String(Convert.FromHexString(document.Sha256))}:";
        return Results.Stream(document.Content, document.ContentType, document.DownloadName);
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
