using Portal.Domain.Inventory;

namespace Portal.Domain.Flags.Rules;

/// <summary>The newest fairness evaluation of a Production model is older than its risk tier allows.</summary>
public sealed class StaleFairnessRule : IFlagRule
{
    public const string RuleName = "stale-fairness";
    public const string HighKey = "highDays";
    public const string MediumKey = "mediumDays";
    public const string LowKey = "lowDays";

    public string Name => RuleName;
    public string Title => "Stale fairness evaluation";
    public FlagSeverity DefaultSeverity => FlagSeverity.Medium;
    public bool BlocksReleasesByDefault => false;
    public FlagActors WhoActs => FlagActors.Owners;
    public IReadOnlyList<RuleThreshold> Thresholds =>
        [new(HighKey, "Days allowed for High tier", 90), new(MediumKey, "Days allowed for Medium tier", 180), new(LowKey, "Days allowed for Low tier", 365)];
    public IReadOnlyList<string> RequiredFacts => [FactKinds.Fairness];

    public FlagCondition? Evaluate(ModelFacts facts, RuleSettings settings, DateTime now)
    {
        if (facts.Status != LifecycleStatus.Production)
        {
            return null;
        }
        var days = settings.Days(this, facts.RiskTier switch
        {
            RiskTier.High => HighKey,
            RiskTier.Medium => MediumKey,
            _ => LowKey,
        });
        // Never evaluated: the clock runs from going to production (or registration), so a new model gets the same window.
        var reference = facts.NewestFairnessEvaluationAt ?? facts.ProductionSince ?? facts.RegisteredAt;
        var due = reference.AddDays(days);
        if (now < due)
        {
            return null;
        }
        return new(due, facts.NewestFairnessEvaluationAt is { } newest
            ? $"Newest fairness evaluation {newest:yyyy-MM-dd}; a {facts.RiskTier} tier model needs one every {days} days."
            : $"No fairness evaluation yet; a {facts.RiskTier} tier model needs one every {days} days.");
    }
}
