using Portal.Domain.Inventory;

namespace Portal.Domain.Flags.Rules;

/// <summary>Days a model in production may go without a reviewed card revision, per risk tier (the rule's defaults).</summary>
public sealed record CardReviewPeriods(int HighDays, int MediumDays, int LowDays);

/// <summary>
/// A model in production whose card has had no reviewed revision within its tier's period, or whose production version changed
/// since the last review (the card may describe a model that no longer runs).
/// </summary>
public sealed class StaleModelCardRule(CardReviewPeriods periods) : IFlagRule
{
    public const string RuleName = "stale-documentation";
    public const string HighKey = "highDays";
    public const string MediumKey = "mediumDays";
    public const string LowKey = "lowDays";

    public string Name => RuleName;
    public string Title => "Stale model card";
    public FlagSeverity DefaultSeverity => FlagSeverity.Medium;
    public bool BlocksReleasesByDefault => false;
    public FlagActors WhoActs => FlagActors.Owners;
    public IReadOnlyList<RuleThreshold> Thresholds =>
    [
        new(HighKey, "Days between card reviews, High tier", periods.HighDays),
        new(MediumKey, "Days between card reviews, Medium tier", periods.MediumDays),
        new(LowKey, "Days between card reviews, Low tier", periods.LowDays),
    ];
    public IReadOnlyList<string> RequiredFacts => [FactKinds.ModelCards, FactKinds.Versions];

    public FlagCondition? Evaluate(ModelFacts facts, RuleSettings settings, DateTime now)
    {
        if (facts.Status != LifecycleStatus.Production && facts.ProductionVersionId is null)
        {
            return null;
        }
        if (facts.LastCardReviewAt is { } reviewed && facts.ProductionVersionId is { } production && facts.CardReviewedProductionVersionId != production)
        {
            return new(facts.ProductionSince ?? reviewed,
                $"The production version changed after the card was last reviewed ({reviewed:yyyy-MM-dd}); the card needs a new review.");
        }
        var days = settings.Days(this, facts.RiskTier switch
        {
            RiskTier.High => HighKey,
            RiskTier.Medium => MediumKey,
            _ => LowKey,
        });
        var reference = facts.LastCardReviewAt ?? facts.ProductionSince ?? facts.RegisteredAt;
        var due = reference.AddDays(days);
        if (now < due)
        {
            return null;
        }
        return new(due, facts.LastCardReviewAt is { } last
            ? $"The card was last reviewed on {last:yyyy-MM-dd}; a {facts.RiskTier} tier model needs a reviewed card every {days} days."
            : $"The card has never been reviewed; a {facts.RiskTier} tier model needs a reviewed card every {days} days.");
    }
}
