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

    // Keys sorted by ordinal at every level; non-ASCII escaped as \uXXXX; times to the millisecond with Z. Written over several
    // lines for reading: the line breaks are not part of it.
    private static readonly string ExpectedJson = """
        {"evidence":{"exceptions":[{"expiresAt":"2026-03-08T08:30:00.250Z","gate":"primary-owner","id":0
        ,"justification":"Owner back Monday.","recordedAt":"2026-03-01T09:30:00.250Z","recordedBy":"rita"}],"gates":[{"gate":"fairness"
        ,"passed":true,"reason":"Imported and attested by Rita Reviewer on 2026-02-28.","title":"Fairness evaluation"}
        ,{"gate":"primary-owner","passed":false,"reason":"Eric is inactive.","title":"Active primary owner"}]
        ,"references":["version:credit-pd@1.1.0","champion:none"]},"request":{"frozenPolicy":{"fairnessPolicyVersion":2
        ,"requireAllGates":true,"requireReviewerOutsideTeam":true,"requiredSignOffs":2,"revalidationMonths":12,"revision":3
        ,"riskTier":"High"},"id":0,"modelKey":"credit-pd","requestedAt":"2026-03-01T08:30:00.250Z","requestedBy":"eric"
        ,"requestedByName":"Eric Engineer","rolloutPlan":"Shadow, then 100%.","summary":"Retrained on Q1 \u2014 AUC 0.829."
        ,"targetStage":"Production","versionLabel":"1.1.0"},"signature":{"approvedAt":"2026-03-02T14:05:09.007Z"
        ,"authenticatedAt":"2026-03-02T14:03:09.007Z","meaning":"Approved","reason":"Evidence reviewed."
        ,"revalidationDueAt":"2027-03-02T14:05:09.007Z","signedAt":"2026-03-02T14:05:09.007Z","signerId":"oscar","signerInModelTeam":false
        ,"signerName":"Oscar Outside"},"version":{"artifactUri":"s3://artifacts/pd/1.1.0/model.bin"
        ,"codeCommit":"9b2f1c0d5e6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c","codeRepository":"https://git.example.com/credit/pd"
        ,"evaluationData":{"sha256":"b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9","uri":"s3://data/holdout.parquet"}
        ,"hyperparameters":[{"key":"max_depth","type":"integer","value":"8"}],"label":"1.1.0","metrics":[{"key":"auc","type":"number"
        ,"value":"0.829"}],"registeredAt":"2026-02-27T10:00:00.000Z","registeredBy":"Eric Engineer"
        ,"trainingData":{"sha256":"3f79bb7b435b05321651daefd374cdc681dc06faa65e374e38337b88ca046dea","uri":"s3://data/train.parquet"}}}
        """.ReplaceLineEndings("");

    private const string ExpectedSha256 = "9e332abe0bed157aed45d71f85764aa1a660c59320f4be07748923944b325ad9";

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
