using Portal.Domain.Inventory;
using Portal.Domain.Releases;
using Portal.Domain.Versions;

namespace Portal.Domain.Tests.Releases;

/// <summary>
/// A pinned test vector of the signed snapshot (issue 13, item 10): every input written out here, the expected canonical
/// JSON and its SHA-256 written out literally, so that a change of serialization cannot pass unnoticed. It covers the
/// frozen policy, whether the signer is in the model's team, and the approving signature's approval and revalidation dates.
/// </summary>
public class SignedSnapshotVectorTests
{
    private static readonly DateTime RequestedAt = new(2026, 3, 1, 8, 30, 0, 250, DateTimeKind.Utc);
    private static readonly DateTime SignedAt = new(2026, 3, 2, 14, 5, 9, 7, DateTimeKind.Utc);

    private const string ExpectedJson = "PIN";

    private const string ExpectedSha256 = "PIN";

    private static (ReleaseRequest Request, SignedVersion Version, ReleaseSignature Signature) Vector()
    {
        var version = ModelVersion.Register(7, "credit-pd", new VersionDetails("1.1.0",
            new DataSetReference("s3://data/train.parquet", "3f79bb7b435b05321651daefd374cdc681dc06faa65e374e38337b88ca046dea"),
            new DataSetReference("s3://data/holdout.parquet", "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9"),
            "https://git.example.com/credit/pd", "9b2f1c0d5e6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c",
            [new("max_depth", TypedValue.Integer, "8")], [new("auc", TypedValue.Number, "0.829")], "s3://artifacts/pd/1.1.0/model.bin", "Retrained."),
            "Eric Engineer", new DateTime(2026, 2, 27, 10, 0, 0, DateTimeKind.Utc));
        var frozen = new FrozenPolicy(RiskTier.High, 3, new ApprovalRules(2, RequireAllGates: true, RequireReviewerOutsideTeam: true, RevalidationMonths: 12), 2);
        var request = ReleaseRequest.Create(version, VersionStage.Production, "Retrained on Q1 — AUC 0.829.", "Shadow, then 100%.", "eric", "Eric Engineer",
            RequestedAt, frozen);
        var exception = GateException.Record(request, "primary-owner", "Owner back Monday.", "rita", "Rita Reviewer", RequestedAt.AddHours(1),
            RequestedAt.AddDays(7));
        var evidence = new SignedEvidence(
            [GateResult.Pass("fairness", "Fairness evaluation", "Imported and attested by Rita Reviewer on 2026-02-28."),
             GateResult.Fail("primary-owner", "Active primary owner", "Eric is inactive.")],
            [exception], ["version:credit-pd@1.1.0", "champion:none"]);
        var signed = SignedVersion.From(version);
        var signature = ReleaseSignature.Create(request, signed,
            new SignerDetails("oscar", "Oscar Outside", SignatureMeaning.Approved, "Evidence reviewed.", SignedAt, SignedAt.AddMinutes(-2), InModelTeam: false),
            evidence, approves: true);
        request.Sign(signature);
        request.Approve("Oscar Outside", SignedAt);
        return (request, signed, signature);
    }

    [Fact]
    public void The_canonical_snapshot_is_exactly_the_pinned_json()
    {
        var (request, version, signature) = Vector();
        Assert.Equal(ExpectedJson, SignedSnapshot.CanonicalJson(request, version, signature));
    }

    [Fact]
    public void The_signature_hash_is_the_pinned_sha256_and_verifies()
    {
        var (request, version, signature) = Vector();
        Assert.Equal(ExpectedSha256, signature.SnapshotSha256);
        Assert.Equal(ExpectedSha256, SignedSnapshot.Sha256(ExpectedJson));
        Assert.True(signature.Verify(request, version));
    }
}
