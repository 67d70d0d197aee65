using Portal.Domain.Access;
using Portal.Domain.Inventory;
using Portal.Domain.Releases;
using Portal.Domain.Tests.Versions;
using Portal.Domain.Versions;

namespace Portal.Domain.Tests.Releases;

/// <summary>A model "credit-pd" of team Credit Risk owned by Eric (primary) and Mona (backup), with one version to release.</summary>
internal static class ReleaseSamples
{
    public static readonly DateTime Now = VersionSamples.Now;

    public static readonly ModelPeople People = new("credit-pd", "Credit Risk",
        new HashSet<string> { "eric", "mona" }, new HashSet<string> { "eric", "mona", "tom", "rita-in-team" });

    public static Actor Person(string id, params string[] roles) => new(id, id.ToUpperInvariant(), new HashSet<string>(roles));

    public static ReleaseRequest Request(VersionStage stage = VersionStage.Production, string requestedBy = "tom") =>
        ReleaseRequest.Create(VersionSamples.Register("1.1.0"), stage, "Retrained on Q1.", "Shadow for a week, then 100%.", requestedBy,
            requestedBy.ToUpperInvariant(), Now, Frozen(RiskTier.High));

    /// <summary>What a request of <paramref name="tier"/> freezes under the default policies (approval policy version 1, fairness policy version 0).</summary>
    public static FrozenPolicy Frozen(RiskTier tier) => FrozenPolicy.From(ApprovalPolicy.Default(tier), 0);

    public static SignedEvidence Evidence(params GateResult[] gates) => new(gates, [], ["code:https://git.example/credit@abc1234"]);

    public static ReleaseSignature Sign(ReleaseRequest request, string signer, SignatureMeaning meaning = SignatureMeaning.Approved,
        bool inTeam = false, SignedEvidence? evidence = null, bool approves = false)
    {
        var signature = ReleaseSignature.Create(request, SignedVersion.From(VersionSamples.Register("1.1.0")),
            new SignerDetails(signer, signer.ToUpperInvariant(), meaning, "Evidence reviewed.", Now, Now.AddMinutes(-1), inTeam),
            evidence ?? Evidence(GateResult.Pass("primary-owner", "Active primary owner", "Eric is active.")), approves);
        request.Sign(signature);
        if (approves)
        {
            request.Approve(signer.ToUpperInvariant(), Now);
        }
        return signature;
    }
}
