using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Access;
using Portal.Domain.Releases;
using Portal.IntegrationTests.Infrastructure;
using Portal.IntegrationTests.Releases;
using Portal.Web.Features.Fairness;
using Portal.Web.Features.Releases;
using Portal.Web.Features.Shared;
using static Portal.IntegrationTests.Releases.ReleasePortal;

namespace Portal.IntegrationTests.Fairness;

/// <summary>
/// Issue 13, item 2: self-reported fairness figures do not pass the gate on their own word. An imported evaluation counts
/// only once a ComplianceReviewer, as a person and not an owner of the model, attested it with a reason; the gate says the source.
/// </summary>
public sealed class FairnessAbuseCaseTests(ReleasePortal portal) : IClassFixture<ReleasePortal>
{
    private FairnessService Fairness => portal.App.Services.GetRequiredService<FairnessService>();

    [Fact]
    public async Task Imported_figures_with_every_ratio_one_do_not_pass_the_gate_until_attested_and_the_gate_says_so()
    {
        var key = await portal.ModelAsync("Medium", "eng-a");
        var id = await portal.RequestAsync(key, "eng-a");
        var evaluationId = await ImportPerfectAsync(key);

        var gate = await FairnessGateAsync(id);
        Assert.False(gate.Passed);
        Assert.Contains("imported (not attested)", gate.Reason, StringComparison.Ordinal);
        Assert.Contains("until a ComplianceReviewer attests it", gate.Reason, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ConflictException>(() =>
            portal.Releases.SignAsync(Reviewer("rev-fair"), portal.FreshSession, id, SignatureMeaning.Approved, "Figures look perfect."));

        var attestations = await portal.CountAuditAsync("Fairness.Attested");
        var attested = await portal.AttestAsync(key, "2.0.0", evaluationId, "rev-attester");

        Assert.Equal("Reviewer rev-attester", attested.AttestedByName);
        var passed = await FairnessGateAsync(id);
        Assert.True(passed.Passed, passed.Reason);
        Assert.Contains($"imported and attested by Reviewer rev-attester on {portal.Now:yyyy-MM-dd}", passed.Reason, StringComparison.Ordinal);
        Assert.Contains("Medium-tier fairness policy version 0 frozen with the request", passed.Reason, StringComparison.Ordinal);
        Assert.Equal(attestations + 1, await portal.CountAuditAsync("Fairness.Attested"));
    }

    [Fact]
    public async Task A_compliance_reviewer_service_token_cannot_attest()
    {
        var key = await portal.ModelAsync("Medium", "eng-a");
        var evaluationId = await ImportPerfectAsync(key);

        var response = await portal.ClientAs(PortalRoles.ComplianceReviewer).PostJsonAsync(
            $"/api/v1/models/{key}/versions/2.0.0/fairness-evaluations/{evaluationId}/attestation", new { reason = "Token says so." });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Attestations are made by people", (await response.ReadJsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Null((await Fairness.GetAsync(Admin, key, evaluationId)).Summary.AttestedAt);
    }

    [Fact]
    public async Task An_engineer_cannot_attest_and_an_owner_who_is_also_a_reviewer_cannot_attest_their_own_model()
    {
        var key = await portal.ModelAsync("Medium", "eng-a");
        var evaluationId = await ImportPerfectAsync(key);

        await Assert.ThrowsAsync<AccessDeniedException>(() => Fairness.AttestAsync(Engineer("eng-a"), portal.FreshSession, key, "2.0.0", evaluationId, "Mine."));
        var owner = new Actor($"owner-{key}", "Owner", new HashSet<string> { PortalRoles.ComplianceReviewer });
        var refused = await Assert.ThrowsAsync<AccessDeniedException>(() => Fairness.AttestAsync(owner, portal.FreshSession, key, "2.0.0", evaluationId, "Mine."));

        Assert.Contains("Separation of duties: you own", refused.Message, StringComparison.Ordinal);
        Assert.Null((await Fairness.GetAsync(Admin, key, evaluationId)).Summary.AttestedAt);
    }

    [Fact]
    public async Task An_attestation_needs_a_reason_and_only_imported_unattested_evaluations_are_attested()
    {
        var key = await portal.ModelAsync("Medium", "eng-a");
        var evaluationId = await ImportPerfectAsync(key);

        await Assert.ThrowsAsync<InputRejectedException>(() => Fairness.AttestAsync(Reviewer("rev-r"), portal.FreshSession, key, "2.0.0", evaluationId, " "));
        await portal.AttestAsync(key, "2.0.0", evaluationId, "rev-r");
        await Assert.ThrowsAsync<ConflictException>(() => portal.AttestAsync(key, "2.0.0", evaluationId, "rev-s"));

        var computed = await (await portal.ClientAs(PortalRoles.Admin).PostCsvAsync(key, "2.0.0", FairnessRequests.Fair)).ReadJsonAsync();
        await Assert.ThrowsAsync<ConflictException>(() => portal.AttestAsync(key, "2.0.0", computed.GetProperty("id").GetInt32(), "rev-r"));
        Assert.Equal("computed here", computed.GetProperty("sourceDescription").GetString());
    }

    [Fact]
    public async Task The_gate_judges_by_the_fairness_policy_version_frozen_with_the_request()
    {
        var key = await portal.ModelAsync("Low", "eng-a");
        var id = await portal.RequestAsync(key, "eng-a");
        var reviewer = portal.ClientAs(PortalRoles.ComplianceReviewer);
        // Tightened after the request: a ratio of 0.96 would now fail, but the request froze the default policy (v0).
        (await reviewer.PutJsonAsync("/api/v1/fairness/policies/Low", new
        {
            expectedVersion = 0, minDemographicParityRatio = 0.99, maxDemographicParityDifference = 0.01, maxEqualizedOddsDifference = 0.01,
            requiredSensitiveFeatures = Array.Empty<string>(), maximumAgeDays = 365, reason = "Tighter.",
        })).EnsureSuccessStatusCode();

        var gate = await FairnessGateAsync(id);

        Assert.True(gate.Passed, gate.Reason);
        Assert.Contains("Low-tier fairness policy version 0 frozen with the request", gate.Reason, StringComparison.Ordinal);
    }

    private async Task<int> ImportPerfectAsync(string key)
    {
        var response = await portal.ClientAs(PortalRoles.Engineer).PostJsonAsync($"/api/v1/models/{key}/versions/2.0.0/fairness-evaluations/imported",
            FairnessRequests.Report(0.5, 0.5));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.ReadJsonAsync();
        Assert.Equal("imported (not attested)", created.GetProperty("sourceDescription").GetString());
        return created.GetProperty("id").GetInt32();
    }

    private async Task<GateView> FairnessGateAsync(int requestId) =>
        Assert.Single((await portal.Releases.GetAsync(Admin, requestId)).Gates, g => g.Gate == "fairness");
}
