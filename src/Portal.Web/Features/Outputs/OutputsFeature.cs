using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.Web.Features.Shared.Storage;

namespace Portal.Web.Features.Outputs;

/// <summary>Model outputs: registration, classified and masked reads through one authorization service, grants, the output policy.</summary>
public static class OutputsFeature
{
    public const string StoreName = "outputs";

    public static IServiceCollection AddOutputsFeature(this IServiceCollection services)
    {
        services.AddOptions<OutputsOptions>().BindConfiguration(OutputsOptions.Section).ValidateDataAnnotations()
            .Validate(o => string.IsNullOrWhiteSpace(o.HashKey) || IsKey(o.HashKey), "Outputs:HashKey must be base64 of at least 32 bytes.")
            .ValidateOnStart();
        services.AddContentStore(StoreName, "Outputs:Storage");
        services.AddSingleton<OutputHashKey>();
        services.AddSingleton<OutputPolicyService>();
        services.TryAddSingleton<TeamMembershipCache>();
        services.AddSingleton<OutputAuthorizationService>();
        services.AddSingleton<OutputDataReader>();
        services.AddSingleton<MaskedCopyService>();
        services.AddSingleton<OutputService>();
        services.AddSingleton<GranteeChoiceService>();
        return services;
    }

    public static void MapOutputsEndpoints(this RouteGroupBuilder api) => api.MapOutputRoutes();

    private static bool IsKey(string text)
    {
        var bytes = new byte[text.Length];
        return Convert.TryFromBase64String(text, bytes, out var length) && length >= 32;
    }
}
