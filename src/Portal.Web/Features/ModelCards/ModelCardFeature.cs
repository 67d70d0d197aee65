using Portal.Web.Features.Releases;

namespace Portal.Web.Features.ModelCards;

/// <summary>Versioned model cards, their templates per risk tier, reviews, and the "model-card" release gate.</summary>
public static class ModelCardFeature
{
    public static IServiceCollection AddModelCardFeature(this IServiceCollection services)
    {
        services.AddSingleton<ModelCardService>();
        services.AddSingleton<CardTemplateService>();
        services.AddSingleton<CardFactsService>();
        services.AddSingleton<IReleaseGate, ModelCardGate>();
        return services;
    }

    public static void MapModelCardEndpoints(this RouteGroupBuilder api) => api.MapModelCardRoutes();
}
