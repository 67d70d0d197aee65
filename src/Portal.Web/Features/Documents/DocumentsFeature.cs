using Portal.Web.Features.Shared.Storage;

namespace Portal.Web.Features.Documents;

/// <summary>Documents attached to models and versions: upload checked by content, stored with their SHA-256, downloads audited.</summary>
public static class DocumentsFeature
{
    public static IServiceCollection AddDocumentsFeature(this IServiceCollection services)
    {
        services.AddOptions<DocumentOptions>().BindConfiguration(DocumentOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddContentStore(DocumentService.StoreName, "Documents:Storage");
        services.AddSingleton<DocumentService>();
        return services;
    }

    public static void MapDocumentEndpoints(this RouteGroupBuilder api) => api.MapDocumentRoutes();
}
