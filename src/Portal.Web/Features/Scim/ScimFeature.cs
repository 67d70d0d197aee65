using Portal.Domain.Directory;

namespace Portal.Web.Features.Scim;

/// <summary>The user lifecycle from the identity provider: SCIM 2.0 provisioning, and the lifecycle events other features react to.</summary>
public static class ScimFeature
{
    public static IServiceCollection AddScimFeature(this IServiceCollection services) => services
        .AddSingleton<IUserLifecycleEvents, UserLifecycleEvents>()
        .AddSingleton<ScimUserService>();

    /// <summary>SCIM lives at /scim/v2 (where identity providers expect it), outside the /api/v1 group and its problem details.</summary>
    public static void MapScimEndpoints(this IEndpointRouteBuilder app) => app.MapScimRoutes();
}
