using Portal.Web.Features.Releases;

namespace Portal.Web.Features.Fairness;

/// <summary>Fairness evaluations of model versions, the policy per risk tier, and the "fairness" release gate.</summary>
public static class FairnessFeature
{
    public static IServiceCollection AddFairnessFeature(this IServiceCollection services)
    {
        services.AddOptions<FairnessOptions>().BindConfiguration(FairnessOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<FairnessService>();
        services.AddSingleton<FairnessPolicyService>();
        services.AddSingleton<IReleaseGate, FairnessGate>();
        services.AddSingleton<Flags.IModelFactsContributor, FairnessFactsContributor>();
        return services;
    }

    public static void MapFairnessEndpoints(this RouteGroupBuilder api) => api.MapFairnessRoutes();
}
