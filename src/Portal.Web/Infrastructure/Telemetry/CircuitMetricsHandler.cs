using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Portal.Web.Infrastructure.Telemetry;

/// <summary>Counts open circuits: one more when a circuit opens, one fewer when it closes (also after a failed reconnect).</summary>
public sealed class CircuitMetricsHandler(PortalMetrics metrics) : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        metrics.CircuitOpened();
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        metrics.CircuitClosed();
        return Task.CompletedTask;
    }
}
