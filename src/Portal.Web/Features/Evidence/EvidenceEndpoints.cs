using Portal.Web.Auth;
using Portal.Web.Features.Shared;

namespace Portal.Web.Features.Evidence;

public static class EvidenceEndpoints
{
    public static void MapEvidenceRoutes(this RouteGroupBuilder api)
    {
        var evidence = api.MapGroup("").WithTags("Evidence packages");
        evidence.MapGet("/models/{key}/evidence-package", DownloadAsync).WithName("DownloadEvidencePackage")
            .WithSummary("Stream the model's evidence package (ZIP with a signed manifest), optionally for a time range (from, to; UTC) or one version.")
            .Produces(StatusCodes.Status200OK, contentType: "application/zip");
        evidence.MapGet("/evidence/signing-key", SigningKey).WithName("GetEvidenceSigningKey")
            .WithSummary("The public key (PEM) that verifies evidence packages' manifest signatures.")
            .Produces<string>(StatusCodes.Status200OK, "application/x-pem-file");
    }

    /// <summary>The same download for a signed-in person's browser (cookie), from the model page.</summary>
    public static void MapEvidenceDownloadForPeople(this IEndpointRouteBuilder app) =>
        app.MapGet("/models/{key}/evidence-package.zip", DownloadAsync).RequireAuthorization(PortalAuthSchemes.PortalUserPolicy).ExcludeFromDescription();

    private static async Task DownloadAsync(HttpContext context, string key, DateTime? from, DateTime? to, string? version, EvidencePackageService service)
    {
        var scope = await service.PrepareAsync(context.User.ToActor(), key, new EvidencePackageRequest(Utc(from), Utc(to), version), context.RequestAborted);
        context.Response.ContentType = "application/zip";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{EvidencePackageService.FileName(scope)}\"";
        await service.WriteAsync(scope, context.Response.Body, context.RequestAborted);
    }

    private static IResult SigningKey(EvidencePackageService service) =>
        Results.Text(service.PublicKeyPem, "application/x-pem-file");

    private static DateTime? Utc(DateTime? value) => value is { } v
        ? v.Kind switch { DateTimeKind.Utc => v, DateTimeKind.Local => v.ToUniversalTime(), _ => DateTime.SpecifyKind(v, DateTimeKind.Utc) }
        : null;
}
