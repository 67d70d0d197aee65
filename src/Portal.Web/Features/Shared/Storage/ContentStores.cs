using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Portal.Web.Features.Shared.Storage;

/// <summary>Configuration of one named store, e.g. section "Outputs:Storage" gives the key <c>Outputs:Storage:Path</c>.</summary>
public sealed class ContentStoreOptions
{
    /// <summary>The folder, absolute or relative to the content root; by default <c>data/{store name}</c> beside the SQLite database.</summary>
    [MaxLength(1024)]
    public string? Path { get; set; }
}

/// <summary>Registers a named <see cref="IContentStore"/>; inject it with <c>[FromKeyedServices(name)]</c>.</summary>
public static class ContentStores
{
    public static IServiceCollection AddContentStore(this IServiceCollection services, string name, string section)
    {
        services.AddOptions<ContentStoreOptions>(name).BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();
        services.AddKeyedSingleton<IContentStore>(name, (provider, _) =>
        {
            var options = provider.GetRequiredService<IOptionsMonitor<ContentStoreOptions>>().Get(name);
            var contentRoot = provider.GetRequiredService<IHostEnvironment>().ContentRootPath;
            var folder = string.IsNullOrWhiteSpace(options.Path) ? System.IO.Path.Combine("data", name) : options.Path;
            return new LocalFolderContentStore(System.IO.Path.GetFullPath(folder, contentRoot));
        });
        return services;
    }
}
