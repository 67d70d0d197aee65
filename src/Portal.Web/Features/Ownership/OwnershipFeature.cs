namespace Portal.Web.Features.Ownership;

/// <summary>Teams, their managers, and model ownership (primary and backup owners, history, bulk reassignment).</summary>
public static class OwnershipFeature
{
    public static IServiceCollection AddOwnershipFeature(this IServiceCollection services) => services;

    public static void MapOwnershipEndpoints(this RouteGroupBuilder api)
    {
    }
}
