using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.Data.Interceptors;

namespace Portal.Data;

public static class PortalDataServiceCollectionExtensions
{
    /// <summary>
    /// Registers a pooled <see cref="PortalDbContext"/> factory (one context per operation) on the configured provider. Pooling
    /// reuses a context's internal services instead of building them for every operation; a context returned to the pool forgets
    /// its actor and pending events (<see cref="PortalDbContext.DisposeAsync"/>), and EF Core resets its change tracker.
    /// </summary>
    public static IServiceCollection AddPortalData(this IServiceCollection services, IConfiguration configuration)
    {
        var provider = DatabaseProvider.NameFrom(configuration);
        var connectionString = DatabaseProvider.ConnectionStringFrom(configuration, provider);
        var retryOnFailure = DatabaseProvider.RetryOnFailureFrom(configuration, provider);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<AuditInterceptor>();
        services.AddPooledDbContextFactory<PortalDbContext>((serviceProvider, options) =>
        {
            DatabaseProvider.Configure(options, provider, connectionString, retryOnFailure);
            options.AddInterceptors(serviceProvider.GetRequiredService<AuditInterceptor>());
        });
        // A scoped context for the framework's consumers (data-protection keys, the health check), disposed with its scope.
        services.TryAddScoped(serviceProvider => serviceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContext());
        return services;
    }
}
