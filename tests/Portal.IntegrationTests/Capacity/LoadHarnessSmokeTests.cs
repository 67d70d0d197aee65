using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Portal.Domain.Access;
using Portal.IntegrationTests.Infrastructure;
using Portal.LoadTests;

namespace Portal.IntegrationTests.Capacity;

/// <summary>
/// The load harness (tests/Portal.LoadTests) at toy size against the real portal on Kestrel: its circuits open over the
/// Blazor hub, navigate, and see the expected content rendered; its pipelines get answers from the CD gate, approved and not.
/// </summary>
public sealed class LoadHarnessSmokeTests
{
    [Fact]
    public async Task Five_circuits_open_interact_and_see_their_pages_rendered_while_pipelines_ask_the_gate()
    {
        var port = FreePort();
        await using var portal = new KestrelDemoPortal(port);
        await Task.Run(portal.StartServer);
        var options = new LoadOptions
        {
            Url = new Uri($"http://127.0.0.1:{port}/"),
            Token = PortalFactory.TokenFor(PortalRoles.Admin),
            Circuits = 5,
            RampPerSecond = 10,
            Hold = TimeSpan.FromSeconds(4),
            ThinkMin = TimeSpan.FromMilliseconds(100),
            ThinkMax = TimeSpan.FromMilliseconds(300),
            // The suite runs beside this test on two cores: a slow answer is not what this test is about.
            Timeout = TimeSpan.FromMinutes(2),
            GateRate = 20,
            RegisterRate = 2,
        };
        await using var server = await PortalServer.AttachOrStartAsync(options, CancellationToken.None);

        var report = await LoadRun.RunAsync(server, options, TextWriter.Null, CancellationToken.None);

        Assert.Equal(5, report.CircuitsOpen);
        Assert.True(report.Interactions > 0, "no navigation rendered its expected content during the hold");
        Assert.Equal(0, report.InteractionFailures);
        Assert.NotNull(report.InteractionP95);
        Assert.True(report.GateChecks > 0);
        Assert.Equal(0, report.GateFailures);
        // Both kinds of answer: the demo's approved release (its signature verified on every check) and versions never approved.
        Assert.True(report.ApprovedGate.Checks > 0);
        Assert.True(report.UnapprovedGate.Checks > 0);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The integration tests' portal with the demo data and the development sign-in, on a real socket for SignalR.</summary>
    private sealed class KestrelDemoPortal : PortalFactory
    {
        public KestrelDemoPortal(int port) => UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Portal:SeedDemoData", "true");
        }
    }
}
