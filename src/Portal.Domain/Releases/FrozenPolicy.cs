using System.Text.Json.Nodes;
using Portal.Domain.Inventory;

namespace Portal.Domain.Releases;

/// <summary>
/// What a release request is judged by, frozen when it is made: the model's risk tier, that tier's approval policy (its
/// revision and its terms, so that a later edit of the policy cannot change the judgement) and the fairness policy version
/// then in force. Signatures cover it; a later change of the model's tier or of either policy does not reach the request.
/// </summary>
public sealed record FrozenPolicy(RiskTier RiskTier, int Revision, ApprovalRules Rules, int FairnessPolicyVersion)
{
    public static FrozenPolicy From(ApprovalPolicy policy, int fairnessPolicyVersion) =>
        new(policy.RiskTier, policy.Revision, policy.Rules, fairnessPolicyVersion);

    /// <summary>"the High approval policy version 3 (fairness policy version 2)", for the request page and the API.</summary>
    public string Describe() => $"the {RiskTier} approval policy version {Revision} (fairness policy version {FairnessPolicyVersion})";

    public JsonObject ToJson() => new()
    {
        ["riskTier"] = RiskTier.ToString(),
        ["revision"] = Revision,
        ["requiredSignOffs"] = Rules.RequiredSignOffs,
        ["requireAllGates"] = Rules.RequireAllGates,
        ["requireReviewerOutsideTeam"] = Rules.RequireReviewerOutsideTeam,
        ["revalidationMonths"] = Rules.RevalidationMonths,
        ["fairnessPolicyVersion"] = FairnessPolicyVersion,
    };
}
