using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Domain.Findings;
using Portal.IntegrationTests.Infrastructure;
using Portal.IntegrationTests.Releases;
using Portal.Web.Features.Findings;

namespace Portal.IntegrationTests.Findings;

/// <summary>Release gate "findings": an open finding of a blocking severity (High and Critical by default) fails it, naming the finding.</summary>
public sealed class FindingsGateTests(ReleasePortal portal) : IClassFixture<ReleasePortal>
{
    [Fact]
    public async Task An_open_high_finding_fails_the_gate_naming_it_until_it_is_closed()
    {
        var key = await portal.ModelAsync("Low", "gate-requester");
        var request = await portal.RequestAsync(key, "gate-requester");
        Assert.True((await GateAsync(request)).Passed);

        var raised = await portal.RaiseAsync(key, FindingSeverity.High);
        var failing = await GateAsync(request);
        Assert.False(failing.Passed);
        Assert.Equal($"{key} has 1 open blocking finding: 'Holdout overlaps (High)' (High, open, remediation owner owner-{key}, due " +
            $"{raised.DueDate:yyyy-MM-dd}).", failing.Reason);

        var remediated = await portal.Findings().RemediateAsync(FindingArrangements.OwnerOf(key), raised.Id, "Done.", [], raised.Revision);
        Assert.False((await GateAsync(request)).Passed);
        await portal.Findings().CloseAsync(FindingArrangements.Closer, raised.Id, "Fine.", remediated.Revision);
        Assert.True((await GateAsync(request)).Passed);
    }

    [Fact]
    public async Task Findings_of_a_severity_that_does_not_block_leave_the_gate_passing()
    {
        var key = await portal.ModelAsync("Low", "gate-requester-2");
        await portal.RaiseAsync(key, FindingSeverity.Medium);
        await portal.RaiseAsync(key, FindingSeverity.Low);

        var gate = await GateAsync(await portal.RequestAsync(key, "gate-requester-2"));

        Assert.True(gate.Passed);
        Assert.Equal($"{key} has no finding of a blocking severity (High or Critical) that is not closed.", gate.Reason);
    }

    [Fact]
    public void Blocking_severities_come_from_configuration()
    {
        using var configured = new PortalFactory().WithWebHostBuilder(b => b.UseSetting("Findings:BlockingSeverities:0", "medium"));

        Assert.Equal([FindingSeverity.Medium], configured.Services.GetRequiredService<IOptions<FindingOptions>>().Value.Blocking);
    }

    [Fact]
    public void An_unknown_blocking_severity_stops_the_portal_at_start_up()
    {
        using var misconfigured = new PortalFactory().WithWebHostBuilder(b => b.UseSetting("Findings:BlockingSeverities:0", "Severe"));

        var failure = Assert.Throws<OptionsValidationException>(() => misconfigured.Services.GetRequiredService<IOptions<FindingOptions>>().Value);
        Assert.Contains("Findings:BlockingSeverities holds 'Severe'", failure.Message, StringComparison.Ordinal);
    }

    private async Task<Web.Features.Releases.GateView> GateAsync(int request) =>
        Assert.Single((await portal.Releases.GetAsync(ReleasePortal.Admin, request)).Gates, g => g.Gate == FindingsGate.GateName);
}
