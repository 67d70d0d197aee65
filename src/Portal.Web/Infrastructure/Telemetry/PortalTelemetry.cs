using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Portal.Web.Infrastructure.Telemetry;

/// <summary>
/// The portal's instruments always exist (a listener in the process can read them); OpenTelemetry collects and exports
/// traces, metrics and logs only when <see cref="EndpointVariable"/> names a collector. Without it nothing is exported and there
/// is no scrape endpoint. The exporter reads the other standard OTEL_* variables (protocol, headers, resource attributes) itself.
/// </summary>
public static class PortalTelemetry
{
    public const string EndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public const string ServiceName = "model-governance-portal";

    /// <summary>Meters the framework emits on its own; listed here so that the exporter subscribes to them.</summary>
    private static readonly string[] FrameworkMeters =
    [
        "Microsoft.AspNetCore.Components", "Microsoft.AspNetCore.Components.Lifecycle", "Microsoft.AspNetCore.Components.Server.Circuits",
        "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Http.Connections", "Microsoft.AspNetCore.RateLimiting",
        "Microsoft.EntityFrameworkCore",
    ];

    public static WebApplicationBuilder AddPortalTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddPortalMetrics();
        // Every log line written inside a request or a circuit's event carries the trace it belongs to.
        builder.Logging.Configure(o => o.ActivityTrackingOptions |= ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        if (string.IsNullOrWhiteSpace(builder.Configuration[EndpointVariable]))
        {
            return builder;
        }
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName, serviceInstanceId: $"{Environment.MachineName}/{Environment.ProcessId}"))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !context.Request.Path.StartsWithSegments("/health"))
                .AddHttpClientInstrumentation()
                .AddEntityFrameworkCoreInstrumentation()
                .AddSource("Microsoft.AspNetCore.Components", "Microsoft.AspNetCore.SignalR.Server"))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(FrameworkMeters)
                .AddMeter(PortalMetrics.MeterName))
            .UseOtlpExporter();
        return builder;
    }

    /// <summary>The portal's instruments and the circuit handler that counts circuits; what a component test host needs too.</summary>
    public static IServiceCollection AddPortalMetrics(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton<PortalMetrics>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, CircuitMetricsHandler>());
        return services;
    }
}
