using Microsoft.AspNetCore.Components.Server;

namespace Portal.Web.Infrastructure;

/// <summary>
/// Limits of interactive circuits and of their hub connection, after ASP.NET Core's threat-mitigation guidance for
/// interactive server-side rendering: each bounds what one client, well-behaved or not, can hold on the server.
/// Defaults here; every value can be overridden under <c>Circuits</c> and <c>Circuits:Hub</c> (README, Configuration).
/// </summary>
public static class CircuitLimits
{
    public const string Section = "Circuits";

    public static IServiceCollection AddPortalCircuitLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddServerSideBlazor()
            .AddCircuitOptions(circuits =>
            {
                // A tab that lost its connection keeps its state this long and up to this many at once, so that a network blip
                // or a sticky instance's restart does not lose a form; beyond, the oldest are dropped (each holds its page, 1-2 MB).
                circuits.DisconnectedCircuitMaxRetained = 500;
                circuits.DisconnectedCircuitRetentionPeriod = TimeSpan.FromMinutes(3);
                // A browser that never answers a JS interop call holds the awaiting component; the portal's calls take milliseconds.
                circuits.JSInteropDefaultCallTimeout = TimeSpan.FromSeconds(30);
                // Render batches a client has not acknowledged are kept to be resent; a client that stops acknowledging stops rendering here.
                circuits.MaxBufferedUnacknowledgedRenderBatches = 10;
                configuration.GetSection(Section).Bind(circuits);
            })
            .AddHubOptions(hub =>
            {
                // Largest message a browser may send (event arguments, text typed into a field); uploads stream in chunks below it.
                hub.MaximumReceiveMessageSize = 32 * 1024;
                // One invocation at a time per connection, as Blazor's own dispatch expects.
                hub.MaximumParallelInvocationsPerClient = 1;
                hub.HandshakeTimeout = TimeSpan.FromSeconds(15);
                hub.KeepAliveInterval = TimeSpan.FromSeconds(15);
                // A connection silent for twice the client's keep-alive is gone; its circuit becomes a disconnected one.
                hub.ClientTimeoutInterval = TimeSpan.FromSeconds(30);
                configuration.GetSection($"{Section}:Hub").Bind(hub);
            });
        services.AddOptions<CircuitOptions>()
            .Validate(o => o.DisconnectedCircuitMaxRetained >= 0 && o.DisconnectedCircuitRetentionPeriod > TimeSpan.Zero
                && o.JSInteropDefaultCallTimeout > TimeSpan.Zero && o.MaxBufferedUnacknowledgedRenderBatches > 0,
                "Circuits: retention, JS interop timeout and buffered batches must be positive.")
            .ValidateOnStart();
        return services;
    }
}
