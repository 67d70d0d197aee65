using System.Net;
using Portal.Domain.Access;
using Portal.Domain.Audit;
using Portal.Domain.Releases;
using Portal.IntegrationTests.Infrastructure;
using Portal.IntegrationTests.Releases;

namespace Portal.IntegrationTests.AuditTrail;

/// <summary>
/// The suite runs the portal under a retrying execution strategy; these representative audited writes run under the
/// default one, without retries, so that both modes are exercised by every run.
/// </summary>
public sealed class AuditedWritesWithoutRetriesTests(AuditedWritesWithoutRetriesTests.WithoutRetries fixture)
    : IClassFixture<AuditedWritesWithoutRetriesTests.WithoutRetries>
{
    public sealed class WithoutRetries : IDisposable
    {
        public ReleasePortal Portal { get; } = new(new PortalFactory(retryOnFailure: false));

        public void Dispose() => Portal.Dispose();
    }

    [Fact]
    public async Task Registering_ownership_sign_in_a_denial_and_release_signing_are_audited_into_one_intact_chain()
    {
        var portal = fixture.Portal;

        // Sign-ins, a team, a model, its owner, versions, fairness and a promotion, all through the portal's paths.
        var key = await portal.ModelAsync("Low", "eng-noretry");
        var denied = await portal.ClientAs(PortalRoles.Auditor).PostJsonAsync("/api/v1/models", HttpJson.NewModel("refused-without-retries"));
        var id = await portal.RequestAsync(key, "eng-noretry");
        await portal.Releases.SignAsync(ReleasePortal.Reviewer("rev-noretry"), portal.FreshSession, id, SignatureMeaning.Approved, "Evidence holds.");

        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Equal(1, await portal.CountAuditAsync("Model.Registered", key));
        Assert.Equal(1, await portal.CountAuditAsync("Ownership.Assigned"));
        // A first sign-in registers the person in the directory.
        Assert.True(await portal.CountAuditAsync("User.Registered") >= 3);
        Assert.Equal(1, await portal.CountAuditAsync(AuditActions.AccessDenied));
        Assert.Equal([$"{key}@1.0.0", $"{key}@1.0.0", $"{key}@2.0.0"], await portal.StageChangesAsync(key));
        Assert.Equal("Production", (await portal.VersionAsync(key, "2.0.0")).GetProperty("stage").GetString());
        var verified = await (await portal.ClientAs(PortalRoles.Auditor).GetAsync("/api/v1/audit/verify")).ReadJsonAsync();
        Assert.True(verified.GetProperty("intact").GetBoolean());
    }
}
