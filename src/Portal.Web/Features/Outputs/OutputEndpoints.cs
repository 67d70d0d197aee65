using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Portal.Domain.Outputs;
using Portal.Web.Auth;
using Portal.Web.Features.Shared;

namespace Portal.Web.Features.Outputs;

public static class OutputEndpoints
{
    public static void MapOutputRoutes(this RouteGroupBuilder api)
    {
        var model = api.MapGroup("/models/{key}/outputs").WithTags("Outputs");
        model.MapGet("/", ListAsync).WithName("ListOutputs").WithSummary("A model's outputs, newest first, with classification and column tags.");
        model.MapPost("/", RegisterAsync).WithName("RegisterOutput")
            .WithSummary("Register an output of a version: multipart/form-data with a 'metadata' JSON part first and the data as a 'file' part (CSV or JSON Lines, " +
                "streamed, checked against the declared columns), or application/json with an externalReference instead of data.")
            .Accepts<OutputRegistration>("application/json", "multipart/form-data")
            .Produces<OutputDetail>(StatusCodes.Status201Created).ProducesValidationProblem().DisableAntiforgery();

        var outputs = api.MapGroup("/outputs").WithTags("Outputs");
        outputs.MapGet("/{id:int}", DetailAsync).WithName("GetOutput")
            .WithSummary("An output's metadata and what the caller may do with it (allowed with masks, or the refusal and how to ask).");
        outputs.MapGet("/{id:int}/data", DownloadAsync).WithName("DownloadOutput")
            .WithSummary("The data, masked and row-filtered for the caller, streamed as format=csv (default) or jsonl; 403 names what is missing.")
            .Produces<Stream>(StatusCodes.Status200OK, "text/csv", "application/jsonl");
        outputs.MapGet("/{id:int}/rows", RowsAsync).WithName("OutputRows")
            .WithSummary("A page of masked, row-filtered rows as JSON objects ({items, page, pageSize, totalCount, maskedColumns, rowFilter}).");
        outputs.MapGet("/{id:int}/grants", GrantsAsync).WithName("ListOutputGrants")
            .WithSummary("The output's grants, all states (primary owner, Compliance reviewer or Admin).");
        outputs.MapPost("/{id:int}/grants", GrantAsync).WithName("GrantOutputAccess")
            .WithSummary("Grant a person, team or service token read or read-unmasked access, optionally row-limited and expiring (people only; never to oneself).")
            .Produces<GrantView>(StatusCodes.Status201Created);
        outputs.MapPost("/{id:int}/grants/{grantId:int}/revoke", RevokeAsync).WithName("RevokeOutputGrant").WithSummary("Revoke a grant, with an optional reason.");
        outputs.MapGet("/policy", PolicyAsync).WithName("GetOutputPolicy").WithSummary("The output policy in force: readers per classification, masks per tag, tags.");
        outputs.MapPut("/policy", ChangePolicyAsync).WithName("ChangeOutputPolicy")
            .WithSummary("Change the output policy (Admin); send the version you read. Creates a new, audited version.");
        outputs.MapPost("/tags", DefineTagAsync).WithName("DefineOutputTag").WithSummary("Define a custom column tag (Admin).");
    }

    /// <summary>The same download for a signed-in person's browser (cookie), from the output's page.</summary>
    public static void MapOutputDownloadForPeople(this IEndpointRouteBuilder app) =>
        app.MapGet("/outputs/{id:int}/download", DownloadAsync).RequireAuthorization(PortalAuthSchemes.PortalUserPolicy).ExcludeFromDescription();

    private static Task<IReadOnlyList<OutputSummary>> ListAsync(string key, ClaimsPrincipal user, OutputService service, CancellationToken ct) =>
        service.ListAsync(user.ToActor(), key, ct);

    private static async Task<IResult> RegisterAsync(string key, HttpContext context, OutputService service, IOptions<JsonOptions> json, CancellationToken ct)
    {
        var actor = context.User.ToActor();
        // Authorized before the body is touched: a refused caller's upload is never received.
        await service.EnsureMayRegisterAsync(actor, key, ct);
        OutputDetail detail;
        if (MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var type) && type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                // The configured limit (plus room for the metadata and framing) replaces the server's default.
                limit.MaxRequestBodySize = service.MaxUploadBytes + (4 << 20);
            }
            detail = await RegisterMultipartAsync(key, context, type, service, json.Value.SerializerOptions, ct);
        }
        else
        {
            var registration = await ReadJsonAsync(context.Request.Body, json.Value.SerializerOptions, ct);
            detail = await service.RegisterAsync(actor, key, registration, null, ct);
        }
        return Results.Created($"/api/v1/outputs/{detail.Id}", detail);
    }

    private static async Task<OutputDetail> RegisterMultipartAsync(string key, HttpContext context, MediaTypeHeaderValue type, OutputService service,
        JsonSerializerOptions json, CancellationToken ct)
    {
        var boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value;
        if (string.IsNullOrWhiteSpace(boundary))
        {
            throw InputRejectedException.For("file", "The multipart body has no boundary.");
        }
        var reader = new MultipartReader(boundary, context.Request.Body);
        OutputRegistration? registration = null;
        while (await reader.ReadNextSectionAsync(ct) is { } section)
        {
            var name = ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) ? HeaderUtilities.RemoveQuotes(disposition.Name).Value : null;
            if (name == "metadata")
            {
                using var limited = new MemoryStream();
                await CopyLimitedAsync(section.Body, limited, 1 << 20, ct);
                limited.Position = 0;
                registration = await ReadJsonAsync(limited, json, ct);
            }
            else if (name == "file")
            {
                if (registration is null)
                {
                    throw InputRejectedException.For("metadata", "Send the 'metadata' part (JSON) before the 'file' part, so the data can be checked as it streams.");
                }
                return await service.RegisterAsync(context.User.ToActor(), key, registration, section.Body, ct);
            }
        }
        throw InputRejectedException.For("file", "Attach the data as the form part 'file' (after the 'metadata' part), or send JSON with an externalReference.");
    }

    private static async Task<OutputRegistration> ReadJsonAsync(Stream body, JsonSerializerOptions json, CancellationToken ct)
    {
        try
        {
            return await JsonSerializer.DeserializeAsync<OutputRegistration>(body, json, ct)
                ?? throw InputRejectedException.For("metadata", "The registration is empty.");
        }
        catch (JsonException problem)
        {
            throw InputRejectedException.For("metadata", $"The registration is not valid JSON for an output: {problem.Message}");
        }
    }

    private static async Task CopyLimitedAsync(Stream source, Stream destination, int limit, CancellationToken ct)
    {
        var buffer = new byte[8192];
        int read;
        while ((read = await source.ReadAsync(buffer, ct)) > 0)
        {
            if (destination.Length + read > limit)
            {
                throw InputRejectedException.For("metadata", $"The metadata part is larger than {limit:N0} bytes.");
            }
            await destination.WriteAsync(buffer.AsMemory(0, read), ct);
        }
    }

    private static Task<OutputDetail> DetailAsync(int id, ClaimsPrincipal user, OutputService service, CancellationToken ct) =>
        service.DetailAsync(user.ToActor(), id, ct);

    private static async Task DownloadAsync(int id, string? format, HttpContext context, OutputService service, CancellationToken ct)
    {
        var download = await service.OpenDownloadAsync(context.User.ToActor(), id, Format(format), ct);
        context.Response.ContentType = OutputRowWriter.ContentType(download.Format);
        context.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileNameStar = download.FileName }.ToString();
        try
        {
            await download.WriteAsync(context.Response.Body, ct);
        }
        catch (Shared.Storage.ContentIntegrityException)
        {
            // The data was already flowing: break the response off so the client sees an incomplete download, never a whole-looking one.
            context.Abort();
        }
    }

    private static Task<OutputRowsPage> RowsAsync(int id, int? page, int? pageSize, ClaimsPrincipal user, OutputService service, CancellationToken ct) =>
        service.RowsAsync(user.ToActor(), id, page, pageSize, OutputReadChannel.Rows, ct);

    private static Task<IReadOnlyList<GrantView>> GrantsAsync(int id, ClaimsPrincipal user, OutputService service, CancellationToken ct) =>
        service.GrantsAsync(user.ToActor(), id, ct);

    private static async Task<IResult> GrantAsync(int id, GrantRequest request, ClaimsPrincipal user, OutputService service, CancellationToken ct)
    {
        var grant = await service.GrantAsync(user.ToActor(), id, request, ct);
        return Results.Created($"/api/v1/outputs/{id}/grants", grant);
    }

    private static Task<GrantView> RevokeAsync(int id, int grantId, RevokeRequest? request, ClaimsPrincipal user, OutputService service, CancellationToken ct) =>
        service.RevokeAsync(user.ToActor(), id, grantId, request?.Reason, ct);

    private static Task<OutputPolicyView> PolicyAsync(ClaimsPrincipal user, OutputPolicyService service, CancellationToken ct) =>
        service.CurrentAsync(user.ToActor(), ct);

    private static Task<OutputPolicyView> ChangePolicyAsync(OutputPolicyChange change, ClaimsPrincipal user, OutputPolicyService service, CancellationToken ct) =>
        service.ChangeAsync(user.ToActor(), change, ct);

    private static Task<OutputPolicyView> DefineTagAsync(TagDefinition tag, ClaimsPrincipal user, OutputPolicyService service, CancellationToken ct) =>
        service.DefineTagAsync(user.ToActor(), tag.Name ?? "", tag.Description, ct);

    private static OutputFormat Format(string? format) => format?.Trim().ToLowerInvariant() switch
    {
        null or "" or "csv" => OutputFormat.Csv,
        "jsonl" => OutputFormat.JsonLines,
        _ => throw InputRejectedException.For("format", $"'{format}' is not a format; use csv or jsonl."),
    };
}

public sealed record TagDefinition(string? Name, string? Description);
