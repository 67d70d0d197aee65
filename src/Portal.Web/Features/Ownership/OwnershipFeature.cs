using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.Web.Features.Flags;

namespace Portal.Web.Features.Ownership;

/// <summary>Teams, their managers, and model ownership (primary and backup owners, history, bulk reassignment).</summary>
public static class OwnershipFeature
{
    public static IServiceCollection AddOwnershipFeature(this IServiceCollection services)
    {
        // Ownership changes ask the flag scanner to look again (orphaned, owner departed, unacknowledged).
        services.TryAddSingleton<FlagScanRequests>();
        return services
        .AddSingleton<PeopleDirectory>()
        .AddSingleton<OwnershipScope>()
        .AddSingleton<TeamService>()
        .AddSingleton<OwnershipNotifications>()
        .AddSingleton<OwnershipService>();
    }

    public static void MapOwnershipEndpoints(this RouteGroupBuilder api)
    {
        api.MapTeamRoutes();
        api.MapOwnershipRoutes();
    }
}
