using System.Net;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Access;
using Portal.IntegrationTests.Flags;
using Portal.IntegrationTests.Infrastructure;
using Portal.IntegrationTests.Ownership;
using Portal.Web.Infrastructure.Telemetry;

namespace Portal.IntegrationTests.Operations;

/// <summary>The portal's own instruments record when their action happens, and only then.</summary>
public sealed class PortalInstrumentTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_scan_records_its_duration_and_the_flags_it_raised_by_rule_and_a_second_scan_raises_none_again()
    {
        using var recorder = new MetricRecorder(portal.Services);
        var flags = new FlagArrange(portal);
        await new OwnershipArrange(portal).ModelAsync("metrics-orphan-1", "Metrics Team");

        await flags.ScanAsync();
        Assert.Equal(1, recorder.Sum("portal.flags.raised", "rule", "orphaned"));
        Assert.True(Assert.Single(recorder.Of("portal.flags.scan.duration")).Value > 0);

        await flags.ScanAsync();
        Assert.Equal(1, recorder.Sum("portal.flags.raised", "rule", "orphaned"));
        Assert.Equal(2, recorder.Of("portal.flags.scan.duration").Count);
    }

    [Fact]
    public async Task A_chain_verification_records_its_duration_and_result_and_a_refused_one_records_nothing()
    {
        using var recorder = new MetricRecorder(portal.Services);

        Assert.Equal(HttpStatusCode.Forbidden, (await portal.ClientAs(PortalRoles.Engineer).GetAsync("/api/v1/audit/verify")).StatusCode);
        Assert.Empty(recorder.Of("portal.audit.verify.duration"));

        (await portal.ClientAs(PortalRoles.Auditor).GetAsync("/api/v1/audit/verify")).EnsureSuccessStatusCode();
        var verified = Assert.Single(recorder.Of("portal.audit.verify.duration"));
        Assert.True(verified.Value > 0);
        Assert.Equal(true, verified.Tags["intact"]);
    }

    [Fact]
    public async Task Circuits_opening_and_closing_move_the_active_circuit_count()
    {
        using var recorder = new MetricRecorder(portal.Services);
        // Each circuit has its own scope, as Blazor gives it; the portal's handler is one of the circuit handlers there.
        using var first = portal.Services.CreateScope();
        using var second = portal.Services.CreateScope();
        var handlers = new[] { first, second }
            .Select(scope => scope.ServiceProvider.GetServices<CircuitHandler>().OfType<CircuitMetricsHandler>().Single()).ToList();

        foreach (var handler in handlers)
        {
            await handler.OnCircuitOpenedAsync(null!, CancellationToken.None);
        }
        await handlers[0].OnCircuitClosedAsync(null!, CancellationToken.None);

        Assert.Equal(1, recorder.Of("portal.circuits.active").Sum(m => m.Value));
    }
}
