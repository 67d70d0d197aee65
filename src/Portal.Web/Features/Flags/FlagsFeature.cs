using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.Domain.Directory;
using Portal.Domain.Flags;
using Portal.Domain.Flags.Rules;
using Portal.Web.Features.Releases;

namespace Portal.Web.Features.Flags;

/// <summary>Stale and orphaned model detection: rules, facts, the scanner (background and on demand), flags, the release gate.</summary>
public static class FlagsFeature
{
    public static IServiceCollection AddFlagsFeature(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<FlagOptions>(configuration.GetSection("Flags"));
        services.AddSingleton<IFlagRule, OrphanedRule>();
        services.AddSingleton<IFlagRule, OwnerDepartedRule>();
        services.AddSingleton<IFlagRule, StaleActivityRule>();
        services.AddSingleton<IFlagRule, StaleFairnessRule>();
        services.AddSingleton<IFlagRule, RevalidationDueRule>();
        services.AddSingleton<IFlagRule, UnacknowledgedOwnershipRule>();
        services.AddSingleton<IModelFactsContributor, OwnershipFactsContributor>();
        services.AddSingleton<IModelFactsContributor, VersionFactsContributor>();
        services.AddSingleton<IFlagEvents, NotifyingFlagEvents>();
        services.AddSingleton<IUserLifecycleListener, ScanOnDeactivation>();
        services.TryAddSingleton<FlagScanRequests>();
        services.AddSingleton<ModelFactsLoader>();
        services.AddSingleton<FlagRuleCatalog>();
        services.AddSingleton<ScanLeaseStore>();
        services.AddSingleton<FlagScanner>();
        services.AddSingleton<FlagService>();
        services.AddHostedService<FlagScanService>();
        services.AddSingleton<IReleaseGate, BlockingFlagsGate>();
        return services;
    }

    public static void MapFlagsEndpoints(this RouteGroupBuilder api) => api.MapFlagRoutes();
}
