using Microsoft.Extensions.Options;
using Portal.Web.Features.Evidence.Parts;
using Portal.Web.Features.Shared.Evidence;

namespace Portal.Web.Features.Evidence;

/// <summary>Evidence packages: the signing key, the package service and this feature's parts (other features add theirs).</summary>
public static class EvidenceFeature
{
    public static IServiceCollection AddEvidenceFeature(this IServiceCollection services)
    {
        services.AddOptions<EvidenceOptions>().BindConfiguration(EvidenceOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EvidenceOptions>, EvidenceOptionsValidation>();
        services.AddSingleton<EvidenceSigningKey>();
        services.AddSingleton<EvidencePackageService>();
        services.AddSingleton<IEvidencePackagePart, ModelPart>();
        services.AddSingleton<IEvidencePackagePart, ModelCardPart>();
        services.AddSingleton<IEvidencePackagePart, VersionsPart>();
        services.AddSingleton<IEvidencePackagePart, ReleasesPart>();
        services.AddSingleton<IEvidencePackagePart, FairnessPart>();
        services.AddSingleton<IEvidencePackagePart, OwnershipPart>();
        services.AddSingleton<IEvidencePackagePart, OutputAccessPart>();
        services.AddSingleton<IEvidencePackagePart, FlagsPart>();
        services.AddSingleton<IEvidencePackagePart, DocumentsPart>();
        services.AddSingleton<IEvidencePackagePart, AuditSlicePart>();
        return services;
    }

    public static void MapEvidenceEndpoints(this RouteGroupBuilder api) => api.MapEvidenceRoutes();
}
