using Portal.Domain.Access;
using Portal.Domain.Releases;
using Portal.IntegrationTests.Releases;
using static Portal.IntegrationTests.Releases.ReleasePortal;

namespace Portal.IntegrationTests.Operations;

public sealed class SignOffMetricsTests(ReleasePortal portal) : IClassFixture<ReleasePortal>
{
    [Fact]
    public async Task A_recorded_signature_counts_once_by_meaning_and_a_refused_one_does_not_count()
    {
        using var recorder = new MetricRecorder(portal.App.Services);
        var key = await portal.ModelAsync("Low", "metrics-eng");
        var id = await portal.RequestAsync(key, "metrics-eng");

        // The requester may not sign: separation of duties refuses it, and nothing is counted.
        await Assert.ThrowsAsync<AccessDeniedException>(() => portal.Releases.SignAsync(
            new("metrics-eng", "Engineer and reviewer", new HashSet<string> { PortalRoles.Engineer, PortalRoles.ComplianceReviewer }),
            portal.FreshSession, id, SignatureMeaning.Approved, "My own."));
        Assert.Empty(recorder.Of("portal.release.signatures"));

        await portal.Releases.SignAsync(Reviewer("metrics-rev"), portal.FreshSession, id, SignatureMeaning.Approved, "Fine.");

        var signature = Assert.Single(recorder.Of("portal.release.signatures"));
        Assert.Equal(("Approved", 1d), (signature.Tags["meaning"], signature.Value));
    }
}
