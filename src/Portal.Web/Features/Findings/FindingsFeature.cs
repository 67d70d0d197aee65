using Microsoft.Extensions.Options;
using Portal.Domain.Flags;
using Portal.Domain.Flags.Rules;
using Portal.Web.Features.Releases;

namespace Portal.Web.Features.Findings;

/// <summary>Reviewers' findings on models tracked to closure, their notifications, the "findings" release gate and the overdue-finding flag.</summary>
public static class FindingsFeature
{
    public static IServiceCollection AddFindingsFeature(this IServiceCollection services)
    {
        services.AddOptions<FindingOptions>().BindConfiguration(FindingOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<FindingOptions>, FindingOptionsValidator>();
        services.AddSingleton<FindingNotifications>();
        services.AddSingleton<FindingService>();
        services.AddSingleton<FindingHomeSections>();
        services.AddSingleton<IReleaseGate, FindingsGate>();
        services.AddSingleton<Shared.Evidence.IEvidencePackagePart, FindingsEvidencePart>();
        services.AddSingleton<IFlagRule, OverdueFindingRule>();
        services.AddSingleton<Flags.IModelFactsContributor, FindingFactsContributor>();
        return services;
    }

    public static void MapFindingEndpoints(this RouteGroupBuilder api) => api.MapFindingRoutes();
}
