using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Portal.Domain.Access;
using Portal.Web.Auth;
using Portal.Web.Features.Shared;

namespace Portal.Web.Features.Scim;

/// <summary>SCIM 2.0 (RFC 7644) for identity providers: <c>/scim/v2/Users</c> and the discovery resources, for Admin service tokens.</summary>
public static class ScimEndpoints
{
    public const string BasePath = "/scim/v2";

    public static void MapScimRoutes(this IEndpointRouteBuilder app)
    {
        var scim = app.MapGroup(BasePath).AddEndpointFilter(AuthenticateAndTranslateAsync).RequireRateLimiting(Infrastructure.ApiRateLimiting.Policy)
            .ExcludeFromDescription();
        scim.MapGet("/Users", ListAsync);
        scim.MapGet("/Users/{id}", GetAsync);
        scim.MapPost("/Users", CreateAsync);
        scim.MapPut("/Users/{id}", ReplaceAsync);
        scim.MapPatch("/Users/{id}", PatchAsync);
        scim.MapDelete("/Users/{id}", DeleteAsync);
        scim.MapGet("/ServiceProviderConfig", (HttpContext http) => ScimResults.Json(ScimDiscovery.ServiceProviderConfig(BaseUrl(http))));
        scim.MapGet("/ResourceTypes", (HttpContext http) => ScimResults.Json(ScimDiscovery.ResourceTypes(BaseUrl(http))));
        scim.MapGet("/ResourceTypes/User", (HttpContext http) => ScimResults.Json(ScimDiscovery.UserResourceType(BaseUrl(http))));
        scim.MapGet("/Schemas", (HttpContext http) => ScimResults.Json(ScimDiscovery.Schemas(BaseUrl(http))));
        scim.MapGet("/Schemas/{id}", (string id, HttpContext http) => ScimDiscovery.Schema(id, BaseUrl(http)) is { } schema
            ? ScimResults.Json(schema)
            : ScimResults.Error(StatusCodes.Status404NotFound, null, $"No schema has the id '{id}'."));
    }

    private static async Task<IResult> ListAsync(string? filter, int? startIndex, int? count, HttpContext http, ScimUserService users, CancellationToken cancellationToken)
    {
        var page = await users.ListAsync(Actor(http), filter, startIndex, count, cancellationToken);
        var baseUrl = BaseUrl(http);
        return ScimResults.Json(new JsonObject
        {
            ["schemas"] = new JsonArray(ScimSchemas.ListResponse),
            ["totalResults"] = page.TotalResults,
            ["itemsPerPage"] = page.Users.Count,
            ["startIndex"] = page.StartIndex,
            ["Resources"] = new JsonArray([.. page.Users.Select(u => (JsonNode)u.ToJson(baseUrl))]),
        });
    }

    private static async Task<IResult> GetAsync(string id, HttpContext http, ScimUserService users, CancellationToken cancellationToken) =>
        Resource(await users.GetAsync(Actor(http), id, cancellationToken), http, StatusCodes.Status200OK);

    private static async Task<IResult> CreateAsync(HttpContext http, ScimUserService users, CancellationToken cancellationToken)
    {
        var body = await ReadBodyAsync(http, cancellationToken);
        return Resource(await users.CreateAsync(Actor(http), body, cancellationToken), http, StatusCodes.Status201Created);
    }

    private static async Task<IResult> ReplaceAsync(string id, [FromHeader(Name = "If-Match")] string? ifMatch, HttpContext http, ScimUserService users,
        CancellationToken cancellationToken)
    {
        var body = await ReadBodyAsync(http, cancellationToken);
        return Resource(await users.ReplaceAsync(Actor(http), id, body, ifMatch, cancellationToken), http, StatusCodes.Status200OK);
    }

    private static async Task<IResult> PatchAsync(string id, [FromHeader(Name = "If-Match")] string? ifMatch, HttpContext http, ScimUserService users,
        CancellationToken cancellationToken)
    {
        var body = await ReadBodyAsync(http, cancellationToken);
        return Resource(await users.PatchAsync(Actor(http), id, body, ifMatch, cancellationToken), http, StatusCodes.Status200OK);
    }

    private static async Task<IResult> DeleteAsync(string id, [FromHeader(Name = "If-Match")] string? ifMatch, HttpContext http, ScimUserService users,
        CancellationToken cancellationToken)
    {
        await users.DeleteAsync(Actor(http), id, ifMatch, cancellationToken);
        return Results.NoContent();
    }

    private static IResult Resource(ScimUserView user, HttpContext http, int status)
    {
        var baseUrl = BaseUrl(http);
        return ScimResults.Json(user.ToJson(baseUrl), status, user.Version, status == StatusCodes.Status201Created ? user.Location(baseUrl) : null);
    }

    /// <summary>Request bodies arrive as application/scim+json, which minimal APIs do not bind; read them as JSON whatever the type.</summary>
    private static async Task<JsonElement> ReadBodyAsync(HttpContext http, CancellationToken cancellationToken)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: cancellationToken);
            return document.RootElement.Clone();
        }
        catch (JsonException malformed)
        {
            throw ScimException.Invalid("invalidSyntax", $"The request body is not valid JSON: {malformed.Message}");
        }
    }

    private static string BaseUrl(HttpContext http) => $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{BasePath}";

    private static Actor Actor(HttpContext http) => http.User.ToActor();

    /// <summary>
    /// Bearer tokens only (a browser's cookie is not enough), and every refusal in SCIM's error format: 401 without a valid
    /// token, 403 (audited by the service's guard) without the ManageUsers permission, 400/404/409/412 from the service.
    /// </summary>
    private static async ValueTask<object?> AuthenticateAndTranslateAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var authentication = await http.AuthenticateAsync(PortalAuthSchemes.Bearer);
        if (!authentication.Succeeded)
        {
            return ScimResults.Error(StatusCodes.Status401Unauthorized, null, "A valid bearer token of an Admin service token is required.");
        }
        http.User = authentication.Principal;
        try
        {
            return await next(context);
        }
        catch (ScimException refused)
        {
            return ScimResults.Error(refused.Status, refused.ScimType, refused.Message);
        }
        catch (AccessDeniedException denied)
        {
            return ScimResults.Error(StatusCodes.Status403Forbidden, null, denied.Message);
        }
        catch (BadHttpRequestException bad)
        {
            return ScimResults.Error(StatusCodes.Status400BadRequest, "invalidValue", bad.Message);
        }
        catch (InputRejectedException rejected)
        {
            return ScimResults.Error(StatusCodes.Status400BadRequest, "invalidValue", rejected.Message);
        }
    }
}
