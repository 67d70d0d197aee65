using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Portal.Web.Auth;
using Portal.Web.Features.Scim;

namespace Portal.Web.Infrastructure;

/// <summary>Configuration section "RateLimiting", validated at start-up.</summary>
public sealed class RateLimitingOptions
{
    public const string Section = "RateLimiting";

    /// <summary>Requests each caller (token, person, or address when anonymous) may make to /api/v1 and /scim/v2 per minute.</summary>
    [Range(1, 1_000_000, ErrorMessage = "RateLimiting:PermitsPerMinute must be between 1 and 1,000,000.")]
    public int PermitsPerMinute { get; set; } = 600;

    /// <summary>Requests over the limit that wait for the next minute instead of being refused at once.</summary>
    [Range(0, 10_000, ErrorMessage = "RateLimiting:QueueLimit must be between 0 and 10,000.")]
    public int QueueLimit { get; set; }
}

/// <summary>
/// Per-caller rate limits on the API and SCIM: one fixed one-minute window per service token or person
/// (the authenticated subject, so every instance of a pipeline shares its token's budget) and per address
/// for callers without a valid token. Refusals are 429 problem details with Retry-After.
/// </summary>
public static class ApiRateLimiting
{
    public const string Policy = "api";
    private const string CallerItem = "portal-rate-caller";

    public static IServiceCollection AddApiRateLimiting(this IServiceCollection services)
    {
        services.AddOptions<RateLimitingOptions>().BindConfiguration(RateLimitingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = RejectAsync;
            limiter.AddPolicy(Policy, context =>
            {
                var options = context.RequestServices.GetRequiredService<IOptionsMonitor<RateLimitingOptions>>().CurrentValue;
                return RateLimitPartition.GetFixedWindowLimiter($"{Caller(context)}|{options.PermitsPerMinute}|{options.QueueLimit}", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.PermitsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = options.QueueLimit,
                    QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                });
            });
        });
        return services;
    }

    /// <summary>
    /// Authenticates the bearer token before the limiter partitions, so that the budget is the subject's, not
    /// the raw header's (a caller cannot escape it by minting tokens, nor share it by guessing). The handler
    /// caches its result, so authorization later reuses this authentication.
    /// </summary>
    public static IApplicationBuilder UseApiRateLimiting(this IApplicationBuilder app)
    {
        app.Use(async (context, next) =>
        {
            if (IsLimited(context.Request.Path) && context.Request.Headers.Authorization.Count > 0)
            {
                var result = await context.AuthenticateAsync(PortalAuthSchemes.Bearer);
                if (result.Succeeded && Subject(result.Principal) is { } subject)
                {
                    context.Items[CallerItem] = $"subject:{subject}";
                }
            }
            await next(context);
        });
        return app.UseRateLimiter();
    }

    public static bool IsLimited(PathString path) =>
        path.StartsWithSegments("/api/v1", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments(ScimEndpoints.BasePath, StringComparison.OrdinalIgnoreCase);

    private static string Caller(HttpContext context) =>
        context.Items[CallerItem] as string
        ?? (Subject(context.User) is { } person ? $"subject:{person}" : $"address:{context.Connection.RemoteIpAddress}");

    private static string? Subject(ClaimsPrincipal? principal) =>
        principal?.Identity?.IsAuthenticated == true ? principal.FindFirstValue(PortalClaims.Subject) : null;

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = $"This caller made more than the {RateLimitingLimit(context)} requests a minute allowed; nothing was done. Retry after {seconds} seconds.",
            },
        });
    }

    private static int RateLimitingLimit(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptionsMonitor<RateLimitingOptions>>().CurrentValue.PermitsPerMinute;
}
