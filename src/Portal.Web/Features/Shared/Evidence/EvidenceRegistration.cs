using Portal.Web.Features.Shared.Evidence.Sources;

namespace Portal.Web.Features.Shared.Evidence;

public static class EvidenceRegistration
{
    /// <summary>The registry and the sources for the records the portal holds; another kind is one more <see cref="IEvidenceSource"/>.</summary>
    public static IServiceCollection AddEvidenceSources(this IServiceCollection services)
    {
        services.AddSingleton<EvidenceSources>();
        services.AddSingleton<IEvidenceSource, ModelVersionEvidence>();
        services.AddSingleton<IEvidenceSource, ReleaseRequestEvidence>();
        services.AddSingleton<IEvidenceSource, FairnessEvaluationEvidence>();
        services.AddSingleton<IEvidenceSource, ModelCardRevisionEvidence>();
        services.AddSingleton<IEvidenceSource, DocumentEvidence>();
        services.AddSingleton<IEvidenceSource, OutputAccessLogEvidence>();
        services.AddSingleton<IEvidenceSource, AuditTrailEvidence>();
        services.AddSingleton<IEvidenceSource, PointInTimeEvidence>();
        return services;
    }
}
