using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.Domain.Flags;
using Portal.Domain.Flags.Rules;
using Portal.Web.Features.Flags;

namespace Portal.Web.Features.Outputs.AccessRequests;

/// <summary>Access requests for outputs, "who accessed this output", and the out-of-range outputs flag.</summary>
public static class AccessRequestsFeature
{
    public static IServiceCollection AddAccessRequestsFeature(this IServiceCollection services)
    {
        // Registered by the outputs feature too; whichever comes first wins.
        services.TryAddSingleton<OutputPolicyService>();
        services.TryAddSingleton<TeamMembershipCache>();
        services.TryAddSingleton<OutputAuthorizationService>();
        services.AddSingleton<AccessRequestService>();
        services.AddSingleton<OutputAccessLogService>();
        services.AddSingleton<IFlagRule, OutOfRangeOutputsRule>();
        services.AddSingleton<IModelFactsContributor, OutputFactsContributor>();
        return services;
    }
}
