using System.Security.Claims;
using Portal.Domain.Audit;
using Portal.Web.Auth;
using Portal.Web.Features.Shared;

namespace Portal.Web.Features.AuditTrail;

public static class AuditEndpoints
{
    public static void MapAuditEndpoints(this RouteGroupBuilder api)
    {
        var audit = api.MapGroup("/audit").WithTags("Audit trail");
        audit.MapGet("/events", SearchAsync).WithName("ListAuditEvents").WithSummary("List audit events, newest first, filtered and paged.");
        audit.MapGet("/events.csv", ExportAsync).WithName("ExportAuditEvents").WithSummary("Export the filtered audit trail as CSV, oldest first.")
            .Produces<string>(contentType: "text/csv");
        audit.MapGet("/verify", VerifyAsync).WithName("VerifyAuditChain")
            .WithSummary("Verify the hash chain, optionally against a digest exported earlier (?digest=mgp-audit-v1:N:hash).")
            .Produces<ChainVerificationResponse>();
        audit.MapGet("/digest", DigestAsync).WithName("GetAuditDigest").WithSummary("The chain head as a digest to keep outside the portal.");
    }

    /// <summary>The same export for a signed-in person's browser (cookie), from the Audit trail page.</summary>
    public static void MapAuditExportForPeople(this IEndpointRouteBuilder app)
    {
        app.MapGet("/audit-trail/export.csv", ExportAsync).RequireAuthorization(PortalAuthSchemes.PortalUserPolicy).ExcludeFromDescription();
        app.MapGet("/audit-trail/digest.txt", DownloadDigestAsync).RequireAuthorization(PortalAuthSchemes.PortalUserPolicy).ExcludeFromDescription();
    }

    /// <summary>The chain head as a small text file to keep outside the portal: the digest on its first line, what it covers after.</summary>
    private static async Task<IResult> DownloadDigestAsync(ClaimsPrincipal user, AuditTrailService service, CancellationToken cancellationToken)
    {
        var digest = await service.DigestAsync(user.ToActor(), cancellationToken);
        var text = $"{digest.Digest}\nThe audit chain's head at event {digest.EventCount}, exported {AuditWords.Time(digest.ExportedAt)}." +
            "\nVerify the chain against it later (Audit trail, Verify chain) to detect a rewrite of the whole trail.\n";
        return Results.File(System.Text.Encoding.UTF8.GetBytes(text), "text/plain; charset=utf-8",
            $"audit-digest-event-{digest.EventCount}-{digest.ExportedAt:yyyyMMdd-HHmmss}.txt");
    }

    private static Task<PagedResult<AuditEventView>> SearchAsync(ClaimsPrincipal user, AuditTrailService service,
        string? modelKey, string? actor, string? action, DateTime? from, DateTime? to, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var (p, size) = Paging.Normalize(page, pageSize);
        return service.SearchAsync(user.ToActor(), new AuditTrailQuery(modelKey, actor, action, Utc(from), Utc(to), p, size), cancellationToken);
    }

    private static async Task ExportAsync(HttpContext context, AuditTrailService service,
        string? modelKey, string? actor, string? action, DateTime? from, DateTime? to)
    {
        var query = new AuditTrailQuery(modelKey, actor, action, Utc(from), Utc(to));
        var lines = await service.ExportCsvAsync(context.User.ToActor(), query, context.RequestAborted);
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{AuditCsv.FileName(query, DateTime.UtcNow)}\"";
        await using var writer = new StreamWriter(context.Response.Body, new System.Text.UTF8Encoding(false));
        await foreach (var line in lines)
        {
            await writer.WriteLineAsync(line);
        }
    }

    private static async Task<IResult> VerifyAsync(ClaimsPrincipal user, AuditTrailService service, string? digest, CancellationToken cancellationToken)
    {
        ChainDigest? expected = null;
        if (!string.IsNullOrWhiteSpace(digest))
        {
            if (!ChainDigest.TryParse(digest, out var parsed))
            {
                throw InputRejectedException.For("digest", "The digest must look like mgp-audit-v1:{event number}:{64 hex characters}.");
            }
            expected = parsed;
        }
        var result = await service.VerifyAsync(user.ToActor(), expected, cancellationToken);
        return Results.Ok(new ChainVerificationResponse(result.Intact, result.EventCount, result.FirstBrokenEventId, result.Problem, result.Summary, result.Checked));
    }

    private static Task<ChainDigestResponse> DigestAsync(ClaimsPrincipal user, AuditTrailService service, CancellationToken cancellationToken) =>
        service.DigestAsync(user.ToActor(), cancellationToken);

    private static DateTime? Utc(DateTime? value) => value is { } v
        ? v.Kind switch { DateTimeKind.Utc => v, DateTimeKind.Local => v.ToUniversalTime(), _ => DateTime.SpecifyKind(v, DateTimeKind.Utc) }
        : null;
}
