namespace Portal.Web.Features.Releases;

/// <summary>Release requests with gates, approval policies per risk tier and electronic signatures.</summary>
public static class ReleasesFeature
{
    public static IServiceCollection AddReleasesFeature(this IServiceCollection services) => services
        .AddSingleton<IReleaseGate, PrimaryOwnerGate>()
        .AddSingleton<ReleaseGates>()
        .AddSingleton<ReleaseNotifications>()
        .AddSingleton<ReleaseService>()
        .AddSingleton<ApprovalPolicyService>()
        .AddSingleton<Flags.IModelFactsContributor, ReleaseFactsContributor>()
        .AddSingleton<Flags.IModelFactsContributor, ApprovalFactsContributor>();

    public static void MapReleaseEndpoints(this RouteGroupBuilder api) => api.MapReleaseRoutes();
}
