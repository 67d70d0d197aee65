namespace Portal.Web.Features.Versions;

/// <summary>Model versions with lineage: registration, comparison, stages.</summary>
public static class VersionsFeature
{
    public static IServiceCollection AddVersionsFeature(this IServiceCollection services) => services.AddSingleton<VersionService>();

    public static void MapVersionEndpoints(this RouteGroupBuilder api) => api.MapVersionRoutes();
}
