using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data.Interceptors;

namespace Portal.Data;

public static class PortalDataServiceCollectionExtensions
{
    /// <summary>Registers a <see cref="PortalDbContext"/> factory (one context per operation) on the configured provider.</summary>
    public static IServiceCollection AddPortalData(this IServiceCollection services, IConfiguration configuration)
    {
        var provider = DatabaseProvider.NameFrom(configuration);
        var connectionString = DatabaseProvider.ConnectionStringFrom(configuration, provider);
        var retryOnFailure = DatabaseProvider.RetryOnFailureFrom(configuration, provider);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<AuditInterceptor>();
        services.AddDbContextFactory<PortalDbContext>((serviceProvider, options) =>
        {
            DatabaseProvider.Configure(options, provider, connectionString, retryOnFailure);
            options.AddInterceptors(serviceProvider.GetRequiredService<AuditInterceptor>());
        });
        return services;
    }
}
