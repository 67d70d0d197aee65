using Microsoft.Extensions.Options;
using Portal.Domain.Flags;
using Portal.Domain.Flags.Rules;
using Portal.Web.Features.Releases;

namespace Portal.Web.Features.ModelCards;

/// <summary>Versioned model cards, their templates per risk tier, reviews, and the "model-card" release gate.</summary>
public static class ModelCardFeature
{
    public static IServiceCollection AddModelCardFeature(this IServiceCollection services)
    {
        services.AddOptions<ModelCardOptions>().BindConfiguration(ModelCardOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ModelCardService>();
        services.AddSingleton<CardTemplateService>();
        services.AddSingleton<CardFactsService>();
        services.AddSingleton<CardInterchange>();
        services.AddSingleton<IReleaseGate, ModelCardGate>();
        services.AddSingleton<IFlagRule>(provider => new StaleModelCardRule(provider.GetRequiredService<IOptions<ModelCardOptions>>().Value.Periods));
        services.AddSingleton<Flags.IModelFactsContributor, ModelCardFactsContributor>();
        return services;
    }

    public static void MapModelCardEndpoints(this RouteGroupBuilder api) => api.MapModelCardRoutes();
}
