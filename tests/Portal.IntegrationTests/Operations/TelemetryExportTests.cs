using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Portal.Domain.Access;
using Portal.IntegrationTests.Infrastructure;
using Portal.Web.Infrastructure.Telemetry;

namespace Portal.IntegrationTests.Operations;

/// <summary>Nothing leaves the portal unless OTEL_EXPORTER_OTLP_ENDPOINT names a collector; then traces, metrics and logs do.</summary>
public sealed class TelemetryExportTests
{
    [Fact]
    public void Without_an_endpoint_no_telemetry_provider_and_so_no_exporter_is_registered()
    {
        using var portal = new PortalFactory();
        using var app = portal.WithWebHostBuilder(b => b.UseSetting(PortalTelemetry.EndpointVariable, ""));

        Assert.Null(app.Services.GetService<TracerProvider>());
        Assert.Null(app.Services.GetService<MeterProvider>());
        // The portal's own instruments still exist for an in-process listener.
        Assert.NotNull(app.Services.GetService<PortalMetrics>());
    }

    [Fact]
    public async Task With_an_endpoint_traces_metrics_and_logs_are_exported_over_otlp()
    {
        await using var collector = await OtlpReceiver.StartAsync();
        using (var portal = new PortalFactory())
        using (var app = portal.WithWebHostBuilder(b => b
            .UseSetting(PortalTelemetry.EndpointVariable, collector.Endpoint)
            .UseSetting("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")
            .UseSetting("OTEL_METRIC_EXPORT_INTERVAL", "200")
            .UseSetting("OTEL_BSP_SCHEDULE_DELAY", "200")))
        {
            var client = app.CreateClient();
            client.DefaultRequestHeaders.Authorization = new("Bearer", PortalFactory.TokenFor(PortalRoles.Auditor));
            (await client.GetAsync("/api/v1/audit/verify")).EnsureSuccessStatusCode();
            Assert.NotNull(app.Services.GetService<TracerProvider>());
            await collector.WaitForAsync(["/v1/logs", "/v1/metrics", "/v1/traces"]);
        }

        Assert.All(collector.Exports, e => Assert.Equal("application/x-protobuf", e.ContentType));
        Assert.All(collector.Exports, e => Assert.True(e.Bytes > 0));
    }
}
