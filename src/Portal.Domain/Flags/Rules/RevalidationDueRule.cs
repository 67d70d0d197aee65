using Portal.Domain.Inventory;

namespace Portal.Domain.Flags.Rules;

/// <summary>The approval that put the model in production has expired: it must be reviewed again.</summary>
public sealed class RevalidationDueRule : IFlagRule
{
    public const string RuleName = "revalidation-due";

    public string Name => RuleName;
    public string Title => "Revalidation due: production approval expired";
    public FlagSeverity DefaultSeverity => FlagSeverity.High;
    public bool BlocksReleasesByDefault => true;
    public FlagActors WhoActs => FlagActors.Owners;
    public IReadOnlyList<RuleThreshold> Thresholds => [];
    public IReadOnlyList<string> RequiredFacts => [FactKinds.Approvals];

    public FlagCondition? Evaluate(ModelFacts facts, RuleSettings settings, DateTime now) =>
        facts.Status == LifecycleStatus.Production && facts.ProductionApprovalExpiresAt is { } expires && now >= expires
            ? new(expires, $"The production approval expired on {expires:yyyy-MM-dd}.")
            : null;
}
