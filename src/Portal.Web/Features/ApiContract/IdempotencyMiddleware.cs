using Microsoft.AspNetCore.Mvc;
using Portal.Domain.ApiContract;
using Portal.Web.Auth;

namespace Portal.Web.Features.ApiContract;

/// <summary>
/// <c>Idempotency-Key</c> on every POST under <c>/api/v1</c>: the first request with a key runs and its answer (status,
/// body, Location) is kept for a day; a retry with the same key and the same request gets that answer again, marked
/// <c>Idempotent-Replayed: true</c>, and writes nothing; the same key with another request is a 422, and a retry while
/// the first still runs a 409. Keys are per caller. Runs after authorization, so the caller is known and a refused
/// request claims nothing.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next, IdempotencyStore store, IProblemDetailsService problems,
    ILogger<IdempotencyMiddleware> logger)
{
    public const string ReplayedHeader = "Idempotent-Replayed";

    /// <summary>Answers larger than this are not kept (the API's POST answers are records of a few kilobytes).</summary>
    public const int MaxStoredBody = 1024 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsPost(request.Method) || !request.Path.StartsWithSegments("/api/v1") || !request.Headers.TryGetValue(IdempotencyKey.Header, out var keys))
        {
            await next(context);
            return;
        }
        var refusal = keys.Count > 1 ? $"Send one {IdempotencyKey.Header} header, not {keys.Count}." : IdempotencyKey.Problem(keys[0]);
        var caller = context.User.FindFirst(PortalClaims.Subject)?.Value;
        if (refusal is not null || caller is null)
        {
            await RefuseAsync(context, StatusCodes.Status400BadRequest, "The Idempotency-Key is not usable; nothing was changed.",
                refusal ?? "Only an authenticated caller can use an Idempotency-Key.");
            return;
        }
        request.EnableBuffering();
        var fingerprint = await IdempotencyKey.FingerprintAsync(request.Method, request.Path + request.QueryString, request.Body, context.RequestAborted);
        request.Body.Position = 0;
        switch (await store.ClaimAsync(caller, keys[0]!, fingerprint, context.RequestAborted))
        {
            case IdempotencyClaim.Claimed claimed:
                await RunAndKeepAsync(context, claimed.RecordId);
                break;
            case IdempotencyClaim.Replay replay:
                await ReplayAsync(context, replay.Record);
                break;
            case IdempotencyClaim.Mismatch:
                await RefuseAsync(context, StatusCodes.Status422UnprocessableEntity, "The Idempotency-Key was used for another request; nothing was changed.",
                    "This key was first sent with a different method, path or body. Use a new key for a new request, or repeat the first request exactly.");
                break;
            default:
                context.Response.Headers.RetryAfter = "1";
                await RefuseAsync(context, StatusCodes.Status409Conflict, "A request with this Idempotency-Key is still running; nothing was changed.",
                    "Retry in a moment to receive its answer.");
                break;
        }
    }

    private async Task RunAndKeepAsync(HttpContext context, long recordId)
    {
        var original = context.Response.Body;
        using var captured = new MemoryStream();
        context.Response.Body = captured;
        try
        {
            await next(context);
        }
        catch
        {
            // The exception handler answers; nothing was committed, so a retry must run again.
            context.Response.Body = original;
            await store.ReleaseAsync(recordId);
            throw;
        }
        context.Response.Body = original;
        var response = context.Response;
        if (response.StatusCode >= StatusCodes.Status500InternalServerError || captured.Length > MaxStoredBody)
        {
            if (captured.Length > MaxStoredBody)
            {
                logger.LogWarning("An answer of {Length} bytes to {Path} was not kept for Idempotency-Key replays.", captured.Length, context.Request.Path);
            }
            await store.ReleaseAsync(recordId);
        }
        else
        {
            await store.CompleteAsync(recordId, response.StatusCode, response.ContentType, response.Headers.Location.ToString() is { Length: > 0 } location ? location : null,
                captured.ToArray(), CancellationToken.None);
        }
        captured.Position = 0;
        await captured.CopyToAsync(original, context.RequestAborted);
    }

    private static async Task ReplayAsync(HttpContext context, IdempotencyRecord record)
    {
        var response = context.Response;
        response.StatusCode = record.StatusCode!.Value;
        response.Headers[ReplayedHeader] = "true";
        if (record.ContentType is not null)
        {
            response.ContentType = record.ContentType;
        }
        if (record.Location is not null)
        {
            response.Headers.Location = record.Location;
        }
        if (record.Body is { Length: > 0 } body)
        {
            await response.Body.WriteAsync(body, context.RequestAborted);
        }
    }

    private async Task RefuseAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }
}
