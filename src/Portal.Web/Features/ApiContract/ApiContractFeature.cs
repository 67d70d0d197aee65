namespace Portal.Web.Features.ApiContract;

/// <summary>Pipeline-safe writes for the API: Idempotency-Key replays on POST, ETag and If-Match on revisioned records, and the contract's shared refusals.</summary>
public static class ApiContractFeature
{
    public static IServiceCollection AddApiContractFeature(this IServiceCollection services)
    {
        services.AddSingleton<IdempotencyStore>();
        services.AddHostedService<IdempotencyCleanup>();
        return services;
    }

    /// <summary>After authorization: the caller is known, and a refused request claims no key.</summary>
    public static IApplicationBuilder UseIdempotencyKeys(this IApplicationBuilder app) => app.UseMiddleware<IdempotencyMiddleware>();
}
