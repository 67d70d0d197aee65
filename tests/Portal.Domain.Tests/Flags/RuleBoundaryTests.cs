using Portal.Domain.Flags;
using Portal.Domain.Flags.Rules;
using Portal.Domain.Inventory;
using Portal.Domain.Ownership;
using static Portal.Domain.Tests.Flags.FactsBuilder;

namespace Portal.Domain.Tests.Flags;

public class RuleBoundaryTests
{
    [Fact]
    public void Orphaned_holds_without_a_primary_owner_and_dates_from_the_last_ended_role()
    {
        var facts = Model().WithOwner(OwnerRole.Backup);
        facts.LastOwnershipEndedAt = Day(3);

        var condition = new OrphanedRule().Evaluate(facts, Day(10));

        Assert.NotNull(condition);
        Assert.Equal(Day(3), condition.Since);
    }

    [Fact]
    public void Orphaned_holds_when_the_primary_owner_is_deactivated_and_not_when_active()
    {
        Assert.NotNull(new OrphanedRule().Evaluate(Model().WithOwner(active: false), Day(1)));
        Assert.Null(new OrphanedRule().Evaluate(Model().WithOwner(), Day(1)));
    }

    [Fact]
    public void No_rule_flags_a_retired_model()
    {
        var retired = Model(LifecycleStatus.Retired).WithOwner(active: false, acknowledgedAt: null);
        IFlagRule[] rules = [new OrphanedRule(), new OwnerDepartedRule(), new StaleActivityRule(), new StaleFairnessRule(), new RevalidationDueRule(), new UnacknowledgedOwnershipRule()];
        retired.ProductionApprovalExpiresAt = Day(1);

        Assert.All(rules, rule => Assert.Null(rule.Evaluate(retired, Day(1000))));
    }

    [Fact]
    public void Owner_departed_holds_for_any_inactive_owner_and_names_them()
    {
        var facts = Model().WithOwner().WithOwner(OwnerRole.Backup, active: false, name: "Ben Okafor");

        var condition = new OwnerDepartedRule().Evaluate(facts, Day(2));

        Assert.Contains("Ben Okafor (backup)", condition!.Detail);
        Assert.Null(new OwnerDepartedRule().Evaluate(Model().WithOwner().WithOwner(OwnerRole.Backup), Day(2)));
    }

    [Theory]
    [InlineData(179, false)]
    [InlineData(180, true)]
    [InlineData(181, true)]
    public void Stale_activity_starts_at_180_days_after_the_last_version(int days, bool stale)
    {
        var facts = Model();
        facts.LastVersionAt = Day(10);

        var condition = new StaleActivityRule().Evaluate(facts, Day(10 + days));

        Assert.Equal(stale, condition is not null);
        if (stale)
        {
            Assert.Equal(Day(190), condition!.Since);
        }
    }

    [Theory]
    [InlineData(179, false)]
    [InlineData(180, true)]
    [InlineData(181, true)]
    public void Stale_activity_counts_the_newest_of_version_release_and_card_edit(int days, bool stale)
    {
        var facts = Model();
        facts.LastVersionAt = Day(1);
        facts.LastReleaseAt = Day(20);
        facts.LastCardEditAt = Day(50);

        Assert.Equal(stale, new StaleActivityRule().Evaluate(facts, Day(50 + days)) is not null);
    }

    [Fact]
    public void Stale_activity_judges_only_production_models_and_follows_the_threshold()
    {
        var rule = new StaleActivityRule();
        var validation = Model(LifecycleStatus.Validation);
        Assert.Null(rule.Evaluate(validation, Day(400)));

        var thirty = RuleSettings.DefaultsOf(rule) with { Thresholds = new Dictionary<string, int> { [StaleActivityRule.DaysKey] = 30 } };
        Assert.Null(rule.Evaluate(Model(), thirty, Day(29)));
        Assert.NotNull(rule.Evaluate(Model(), thirty, Day(30)));
    }

    [Theory]
    [InlineData(RiskTier.High, 89, false)]
    [InlineData(RiskTier.High, 90, true)]
    [InlineData(RiskTier.High, 91, true)]
    [InlineData(RiskTier.Medium, 179, false)]
    [InlineData(RiskTier.Medium, 180, true)]
    [InlineData(RiskTier.Medium, 181, true)]
    [InlineData(RiskTier.Low, 364, false)]
    [InlineData(RiskTier.Low, 365, true)]
    [InlineData(RiskTier.Low, 366, true)]
    public void Stale_fairness_follows_the_tier_window(RiskTier tier, int days, bool stale)
    {
        var facts = Model(tier: tier);
        facts.NewestFairnessEvaluationAt = Day(5);

        var condition = new StaleFairnessRule().Evaluate(facts, Day(5 + days));

        Assert.Equal(stale, condition is not null);
    }

    [Fact]
    public void Stale_fairness_without_any_evaluation_runs_from_going_to_production()
    {
        var facts = Model(tier: RiskTier.High);
        facts.ProductionSince = Day(100);

        Assert.Null(new StaleFairnessRule().Evaluate(facts, Day(189)));
        var condition = new StaleFairnessRule().Evaluate(facts, Day(190));
        Assert.Contains("No fairness evaluation yet", condition!.Detail);
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(1, true)]
    public void Revalidation_is_due_from_the_moment_the_production_approval_expires(int daysAfterExpiry, bool due)
    {
        var facts = Model();
        facts.ProductionApprovalExpiresAt = Day(180);

        Assert.Equal(due, new RevalidationDueRule().Evaluate(facts, Day(180 + daysAfterExpiry)) is not null);
    }

    [Fact]
    public void Revalidation_is_not_due_without_an_approval_expiry_or_outside_production()
    {
        Assert.Null(new RevalidationDueRule().Evaluate(Model(), Day(1000)));
        var staging = Model(LifecycleStatus.Validation);
        staging.ProductionApprovalExpiresAt = Day(1);
        Assert.Null(new RevalidationDueRule().Evaluate(staging, Day(1000)));
    }

    [Theory]
    [InlineData(13, false)]
    [InlineData(14, true)]
    [InlineData(15, true)]
    public void Unacknowledged_ownership_starts_at_14_days(int days, bool late)
    {
        var facts = Model();
        facts.Owners.Add(new OwnerFact("ben", "Ben Okafor", OwnerRole.Primary, true, Day(3), null));

        var condition = new UnacknowledgedOwnershipRule().Evaluate(facts, Day(3 + days));

        Assert.Equal(late, condition is not null);
        if (late)
        {
            Assert.Equal(Day(17), condition!.Since);
        }
    }

    [Fact]
    public void Acknowledged_ownership_is_never_late()
    {
        var facts = Model().WithOwner(assignedAt: Day(0), acknowledgedAt: Day(20));

        Assert.Null(new UnacknowledgedOwnershipRule().Evaluate(facts, Day(400)));
    }
}
