using Portal.Domain.Flags;
using Portal.Domain.Flags.Rules;
using Portal.Web.Features.Shared.Evidence;

namespace Portal.Web.Features.Audits;

/// <summary>Audit requests: questions from Auditors answered with frozen evidence, the evidence sources, the overdue-audit-item flag.</summary>
public static class AuditsFeature
{
    public static IServiceCollection AddAuditsFeature(this IServiceCollection services)
    {
        services.AddEvidenceSources();
        services.AddSingleton<AuditRequestService>();
        services.AddSingleton<AuditNotifications>();
        services.AddSingleton<IFlagRule, OverdueAuditItemRule>();
        services.AddSingleton<Shared.Evidence.IEvidencePackagePart, AuditRequestsEvidencePart>();
        services.AddSingleton<Flags.IModelFactsContributor, AuditFactsContributor>();
        return services;
    }

    public static void MapAuditRequestEndpoints(this RouteGroupBuilder api) => api.MapAuditRequestRoutes();
}
