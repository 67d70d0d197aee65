using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Domain.ApiContract;
using Portal.Web.Features.Shared;

namespace Portal.Web.Features.ApiContract;

/// <summary>
/// <c>ETag</c> and <c>If-Match</c> for every revisioned record of the API, on top of the revision numbers it already
/// has: an answer holding a record with a <c>Revision</c> carries <c>ETag: "revision"</c>; a PUT or PATCH with
/// <c>If-Match</c> runs with that revision as the one read (in place of the body's), and a stale one is answered 412.
/// Without <c>If-Match</c> nothing changes: the body's revision is checked as before.
/// </summary>
public sealed class RevisionPreconditions : IEndpointFilter
{
    public const string RevisionProperty = "Revision";

    private static readonly ConcurrentDictionary<Type, PropertyInfo?> RevisionOf = new();

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        var isUpdate = HttpMethods.IsPut(request.Method) || HttpMethods.IsPatch(request.Method);
        int? expected = null;
        if (isUpdate && request.Headers.IfMatch.Count > 0)
        {
            var (revision, refusal) = ApplyIfMatch(context);
            if (refusal is not null)
            {
                return refusal;
            }
            expected = revision;
        }
        object? result;
        try
        {
            result = await next(context);
        }
        catch (ConflictException stale) when (expected is not null && stale.IsStaleRevision)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "Precondition failed; nothing was changed",
                detail: $"If-Match {EntityTags.Of(expected.Value)} is not the record's current revision. {stale.Message} Read it again for its current ETag.");
        }
        if (HttpMethods.IsGet(request.Method) || isUpdate)
        {
            var value = result is IValueHttpResult valued ? valued.Value : result;
            if (value is not null && RevisionPropertyOf(value.GetType())?.GetValue(value) is int current)
            {
                context.HttpContext.Response.Headers.ETag = EntityTags.Of(current);
            }
        }
        return result;
    }

    /// <summary>Puts the If-Match revision into the request body's revision; a refusal when that cannot be done.</summary>
    private static (int Revision, IResult? Refusal) ApplyIfMatch(EndpointFilterInvocationContext context)
    {
        var header = context.HttpContext.Request.Headers.IfMatch;
        if (header.Count != 1 || !EntityTags.TryParseRevision(header[0], out var revision))
        {
            return (0, BadRequest($"If-Match must be one entity tag from an ETag the portal sent, such as \"4\"; got '{header}'."));
        }
        var body = context.Arguments.FirstOrDefault(a => a is not null && RevisionPropertyOf(a.GetType()) is { CanWrite: true });
        if (body is null)
        {
            return (0, BadRequest("This operation changes no revisioned record, so it takes no If-Match."));
        }
        var property = RevisionPropertyOf(body.GetType())!;
        if (property.GetValue(body) is int inBody && inBody != revision)
        {
            return (0, BadRequest($"If-Match names revision {revision} and the body revision {inBody}; send one, or the same in both."));
        }
        property.SetValue(body, revision);
        return (revision, null);
    }

    /// <summary>Whether <paramref name="type"/> carries a revision (an <c>int</c> or <c>int?</c> property named Revision).</summary>
    public static bool HasRevision(Type type) => RevisionPropertyOf(type) is not null;

    private static PropertyInfo? RevisionPropertyOf(Type type) => RevisionOf.GetOrAdd(type, t =>
        t.GetProperty(RevisionProperty, BindingFlags.Public | BindingFlags.Instance) is { } p && (p.PropertyType == typeof(int) || p.PropertyType == typeof(int?))
            ? p
            : null);

    private static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The If-Match header is not usable; nothing was changed.", detail: detail);
}
