using System.Text;
using System.Text.Json.Nodes;

namespace Portal.Web.Features.Scim;

/// <summary>Writes SCIM bodies with their media type, and SCIM's error message (status as a string).</summary>
public static class ScimResults
{
    public static IResult Json(JsonNode body, int status = StatusCodes.Status200OK, string? etag = null, string? location = null) =>
        new ScimResult(body, status, etag, location);

    public static IResult Error(int status, string? scimType, string detail)
    {
        var body = new JsonObject { ["schemas"] = new JsonArray(ScimSchemas.Error), ["status"] = status.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (scimType is not null)
        {
            body["scimType"] = scimType;
        }
        body["detail"] = detail;
        return new ScimResult(body, status, null, null);
    }

    private sealed class ScimResult(JsonNode body, int status, string? etag, string? location) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = status;
            response.ContentType = ScimSchemas.MediaType + "; charset=utf-8";
            if (etag is not null)
            {
                response.Headers.ETag = etag;
            }
            if (location is not null)
            {
                response.Headers.Location = location;
            }
            if (status == StatusCodes.Status401Unauthorized)
            {
                response.Headers.WWWAuthenticate = "Bearer realm=\"scim\"";
            }
            await response.WriteAsync(body.ToJsonString(), Encoding.UTF8, httpContext.RequestAborted);
        }
    }
}
