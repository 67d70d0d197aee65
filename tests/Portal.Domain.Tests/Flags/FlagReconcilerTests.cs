using Portal.Domain.Flags;
using Portal.Domain.Flags.Rules;
using Portal.Domain.Ownership;
using static Portal.Domain.Tests.Flags.FactsBuilder;

namespace Portal.Domain.Tests.Flags;

public class FlagReconcilerTests
{
    private static readonly IFlagRule[] Rules = [new OrphanedRule(), new StaleFairnessRule()];
    private static readonly Dictionary<string, RuleSettings> Defaults = Rules.ToDictionary(r => r.Name, RuleSettings.DefaultsOf);
    private static readonly HashSet<string> OwnershipOnly = [FactKinds.Ownership];

    [Fact]
    public void A_new_condition_is_raised_and_an_open_flag_that_still_holds_is_left_alone()
    {
        var orphan = Model(id: 1);
        var first = FlagReconciler.Plan([orphan], Rules, Defaults, [], Day(1), OwnershipOnly);
        Assert.Single(first.Raise);

        var open = new OpenFlag(1, first.Raise[0].Rule.Name, orphan.ModelId);
        var second = FlagReconciler.Plan([orphan], Rules, Defaults, [open], Day(2), OwnershipOnly);

        Assert.Empty(second.Raise);
        Assert.Empty(second.Resolve);
    }

    [Fact]
    public void A_flag_whose_condition_went_or_whose_model_is_gone_resolves()
    {
        var owned = Model(id: 1).WithOwner();
        var stillOwnedFlag = new OpenFlag(1, OrphanedRule.RuleName, owned.ModelId);
        var goneFlag = new OpenFlag(2, OrphanedRule.RuleName, 2);

        var plan = FlagReconciler.Plan([owned], Rules, Defaults, [stillOwnedFlag, goneFlag], Day(1), OwnershipOnly);

        Assert.Equal(2, plan.Resolve.Count);
    }

    [Fact]
    public void A_rule_turned_off_resolves_its_flags_and_raises_none()
    {
        var rule = new OrphanedRule();
        var off = new Dictionary<string, RuleSettings>(Defaults) { [rule.Name] = Defaults[rule.Name] with { Enabled = false } };
        var open = new OpenFlag(1, rule.Name, 1);

        var plan = FlagReconciler.Plan([Model(id: 1), Model(id: 2)], Rules, off, [open], Day(1), OwnershipOnly);

        Assert.Empty(plan.Raise);
        Assert.Same(open, Assert.Single(plan.Resolve));
    }

    [Fact]
    public void A_rule_whose_facts_nobody_provides_is_not_judged_and_its_flags_stay()
    {
        var open = new OpenFlag(1, StaleFairnessRule.RuleName, 1);

        var plan = FlagReconciler.Plan([Model(id: 1).WithOwner()], Rules, Defaults, [open], Day(900), OwnershipOnly);

        Assert.Empty(plan.Raise);
        Assert.Empty(plan.Resolve);
    }

    [Fact]
    public void Raised_flags_carry_the_rule_severity_and_who_must_act()
    {
        var plan = FlagReconciler.Plan([Model(id: 7).WithOwner(OwnerRole.Backup)], Rules, Defaults, [], Day(1), OwnershipOnly);
        var raise = Assert.Single(plan.Raise);

        var flag = Flag.Raise(raise.Rule, raise.Settings, raise.Facts, raise.Condition, Day(1));

        Assert.Equal(("orphaned", FlagSeverity.High, FlagActors.TeamManagers, "model-7"), (flag.Rule, flag.Severity, flag.WhoActs, flag.ModelKey));
        Assert.Equal("Flag.Raised", flag.PendingAuditAction);
    }
}
