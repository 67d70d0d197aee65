using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace Portal.Web.Features.ApiContract;

/// <summary>
/// The refusals every <c>/api/v1</c> operation can answer, declared once for the whole group as response metadata (so the
/// OpenAPI document lists them as problem details), and the revision preconditions filter. An endpoint declares only its
/// own success type.
/// </summary>
public static class ApiContractConventions
{
    private static readonly string[] ProblemJson = ["application/problem+json"];

    public static RouteGroupBuilder WithApiContract(this RouteGroupBuilder api)
    {
        // Finally: after each endpoint's own conventions, so that what an endpoint declares itself is kept.
        ((IEndpointConventionBuilder)api).Finally(endpoint =>
        {
            if (endpoint is RouteEndpointBuilder route)
            {
                foreach (var (status, type) in Refusals(route))
                {
                    if (!Declares(route, status))
                    {
                        // A bare .Produces(403) says the status but not its problem-details body.
                        foreach (var bare in route.Metadata.OfType<IProducesResponseTypeMetadata>().Where(m => m.StatusCode == status).ToList())
                        {
                            route.Metadata.Remove(bare);
                        }
                        route.Metadata.Add(new ProducesResponseTypeMetadata(status, type, ProblemJson));
                    }
                }
            }
        });
        api.AddEndpointFilter<RevisionPreconditions>();
        return api;
    }

    /// <summary>
    /// 400 (bad fields or query text), 401, 403 and 429 everywhere; 404 where the path names a record; 409 for writes (a
    /// stale revision or a state that refuses the change; an Idempotency-Key still in use); 412 and If-Match for updates of a
    /// revisioned record; 422 for an Idempotency-Key reused with another request.
    /// </summary>
    private static IEnumerable<(int Status, Type Type)> Refusals(RouteEndpointBuilder route)
    {
        var methods = route.Metadata.OfType<IHttpMethodMetadata>().SelectMany(m => m.HttpMethods).ToList();
        var isRead = methods.All(m => HttpMethods.IsGet(m) || HttpMethods.IsHead(m));
        yield return (StatusCodes.Status400BadRequest, typeof(HttpValidationProblemDetails));
        yield return (StatusCodes.Status401Unauthorized, typeof(ProblemDetails));
        yield return (StatusCodes.Status403Forbidden, typeof(ProblemDetails));
        if (route.RoutePattern.Parameters.Count > 0)
        {
            yield return (StatusCodes.Status404NotFound, typeof(ProblemDetails));
        }
        if (!isRead)
        {
            yield return (StatusCodes.Status409Conflict, typeof(ProblemDetails));
        }
        if (methods.Any(HttpMethods.IsPost))
        {
            yield return (StatusCodes.Status422UnprocessableEntity, typeof(ProblemDetails));
        }
        if (TakesRevision(route))
        {
            yield return (StatusCodes.Status412PreconditionFailed, typeof(ProblemDetails));
        }
        yield return (StatusCodes.Status429TooManyRequests, typeof(ProblemDetails));
    }

    /// <summary>A PUT or PATCH whose body carries the revision read: it accepts If-Match.</summary>
    public static bool TakesRevision(RouteEndpointBuilder route) =>
        route.Metadata.OfType<IHttpMethodMetadata>().SelectMany(m => m.HttpMethods).Any(m => HttpMethods.IsPut(m) || HttpMethods.IsPatch(m))
        && route.Metadata.OfType<MethodInfo>().FirstOrDefault() is { } handler
        && handler.GetParameters().Any(p => RevisionPreconditions.HasRevision(p.ParameterType));

    private static bool Declares(RouteEndpointBuilder route, int status) =>
        route.Metadata.OfType<IProducesResponseTypeMetadata>().Any(m => m.StatusCode == status && m.Type is not null && m.Type != typeof(void));
}
