using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Portal.Domain.Releases;
using Portal.Domain.Tests.Versions;
using Portal.Domain.Versions;
using static Portal.Domain.Tests.Releases.ReleaseSamples;

namespace Portal.Domain.Tests.Releases;

public class SignedSnapshotTests
{
    private static readonly SignedVersion Version = SignedVersion.From(VersionSamples.Register("1.1.0"));

    [Fact]
    public void Canonical_json_sorts_keys_at_every_level_without_whitespace() =>
        Assert.Equal("""{"a":[{"x":1,"y":2}],"b":null,"c":"é"}""",
            SignedSnapshot.Canonical(JsonNode.Parse("""{ "c": "é", "a": [ { "y": 2, "x": 1 } ], "b": null }""")).Replace("\\u00E9", "é", StringComparison.Ordinal));

    [Fact]
    public void The_hash_is_the_sha256_of_the_canonical_snapshot()
    {
        var request = Request();
        var signature = Sign(request, "rita");
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(SignedSnapshot.CanonicalJson(request, Version, signature))));
        Assert.Equal(expected, signature.SnapshotSha256);
        Assert.Matches("^[0-9a-f]{64}$", signature.SnapshotSha256);
    }

    [Fact]
    public void The_snapshot_holds_what_was_signed()
    {
        var request = Request();
        var signature = Sign(request, "rita", evidence: Evidence(GateResult.Fail("fairness", "Fairness", "No evaluation of 1.1.0.")));
        var json = SignedSnapshot.CanonicalJson(request, Version, signature);
        foreach (var part in new[] { "\"summary\":\"Retrained on Q1.\"", "\"sha256\":\"" + VersionSamples.EvaluationHash, "No evaluation of 1.1.0.",
            "code:https://git.example/credit@abc1234", "\"meaning\":\"Approved\"", "\"reason\":\"Evidence reviewed.\"", "\"signerName\":\"RITA\"" })
        {
            Assert.Contains(part, json, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_signature_verifies_against_the_unchanged_record()
    {
        var request = Request();
        Assert.True(Sign(request, "rita").Verify(request, Version));
    }

    [Fact]
    public void Approving_the_request_afterwards_does_not_break_verification_because_status_is_an_outcome()
    {
        var request = Request();
        var signature = Sign(request, "rita");
        request.Approve("RITA", Now);
        Assert.True(signature.Verify(request, Version));
    }

    [Fact]
    public void Changing_the_version_lineage_afterwards_makes_verification_fail()
    {
        var request = Request();
        var signature = Sign(request, "rita");
        var tampered = Version with { EvaluationData = new DataSetReference("s3://elsewhere", VersionSamples.TrainingHash) };
        Assert.False(signature.Verify(request, tampered));
    }

    [Fact]
    public void Different_evidence_gives_a_different_hash()
    {
        var one = Sign(Request(), "rita", evidence: Evidence(GateResult.Pass("fairness", "Fairness", "Passed.")));
        var two = Sign(Request(), "rita", evidence: Evidence(GateResult.Fail("fairness", "Fairness", "Failed.")));
        Assert.NotEqual(one.SnapshotSha256, two.SnapshotSha256);
    }

    [Fact]
    public void Gate_order_does_not_change_the_evidence()
    {
        var a = GateResult.Pass("a-gate", "A", "ok");
        var b = GateResult.Fail("b-gate", "B", "no");
        Assert.Equal(new SignedEvidence([a, b], [], []).ToCanonicalJson(), new SignedEvidence([b, a], [], []).ToCanonicalJson());
    }

    [Fact]
    public void Approval_of_a_production_release_sets_its_revalidation_date_and_staging_has_none()
    {
        var production = Request(VersionStage.Production);
        production.Approve("RITA", Now);
        Assert.Equal((ReleaseStatus.Approved, Now, Now.AddMonths(12)), (production.Status, production.ApprovedAt, production.RevalidationDueAt));

        var staging = Request(VersionStage.Staging);
        staging.Approve("RITA", Now);
        Assert.Null(staging.RevalidationDueAt);
    }
}
