using Portal.Domain.Flags.Rules;
using Portal.Domain.Inventory;
using static Portal.Domain.Tests.Flags.FactsBuilder;

namespace Portal.Domain.Tests.Flags;

public class StaleModelCardRuleTests
{
    private static readonly StaleModelCardRule Rule = new(new CardReviewPeriods(180, 365, 730));

    [Fact]
    public void A_production_model_never_reviewed_is_flagged_once_its_tier_period_has_passed()
    {
        var facts = Model(tier: RiskTier.High);

        Assert.Null(Rule.Evaluate(facts, Day(179)));
        var condition = Rule.Evaluate(facts, Day(180));
        Assert.NotNull(condition);
        Assert.Equal(Day(180), condition.Since);
        Assert.Contains("never been reviewed", condition.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_review_within_the_period_keeps_the_model_fresh_until_the_period_after_it()
    {
        var facts = Model();
        facts.ProductionVersionId = 7;
        facts.LastCardReviewAt = Day(300);
        facts.CardReviewedProductionVersionId = 7;

        Assert.Null(Rule.Evaluate(facts, Day(664)));
        Assert.NotNull(Rule.Evaluate(facts, Day(665)));
    }

    [Fact]
    public void A_new_production_version_after_the_last_review_is_flagged_at_once()
    {
        var facts = Model();
        facts.LastCardReviewAt = Day(10);
        facts.CardReviewedProductionVersionId = 7;
        facts.ProductionVersionId = 8;
        facts.ProductionSince = Day(20);

        var condition = Rule.Evaluate(facts, Day(21));

        Assert.NotNull(condition);
        Assert.Equal(Day(20), condition.Since);
        Assert.Contains("production version changed", condition.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_not_in_production_is_not_judged()
    {
        Assert.Null(Rule.Evaluate(Model(LifecycleStatus.Development), Day(5000)));
    }
}
