using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Portal.Data;
using Portal.Domain.Access;
using Portal.Web.Features.Shared;
using Portal.Web.Features.Shared.Storage;

namespace Portal.Web.Infrastructure;

/// <summary>Answers the API's refusals as RFC 7807 problem details: 400 with field errors, 403, 404, 409, 413, 500 for a stored file that fails its checksum, and 503 while the database is busy.</summary>
public sealed class ApiExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails? problem = exception switch
        {
            InputRejectedException rejected => new ValidationProblemDetails(rejected.Errors.ToDictionary(e => e.Key, e => e.Value))
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request has invalid fields; nothing was changed.",
            },
            AccessDeniedException denied => Problem(StatusCodes.Status403Forbidden, "Access denied", denied.Message),
            NotFoundException missing => Problem(StatusCodes.Status404NotFound, "Not found", missing.Message),
            ConflictException conflict => Problem(StatusCodes.Status409Conflict, "Conflict; nothing was changed", conflict.Message),
            ContentIntegrityException broken => Problem(StatusCodes.Status500InternalServerError, "The stored data failed its integrity check; nothing was served", broken.Message),
            ContentTooLargeException tooLarge => Problem(StatusCodes.Status413PayloadTooLarge, "The file is too large; nothing was stored", tooLarge.Message),
            BadHttpRequestException bad => Problem(bad.StatusCode, "Bad request", bad.Message),
            _ when DatabaseErrors.Classify(exception).Kind is DatabaseErrorKind.LockTimeout or DatabaseErrorKind.Deadlock or DatabaseErrorKind.Transient =>
                Problem(StatusCodes.Status503ServiceUnavailable, "The database is busy; nothing was changed",
                    "Another change held the lock this one needed for too long, or the database could not be reached. Try again in a moment."),
            _ => null,
        };
        if (problem is null)
        {
            return false;
        }
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = "5";
        }
        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private static ProblemDetails Problem(int status, string title, string detail) => new() { Status = status, Title = title, Detail = detail };
}
