using Portal.Domain.Access;
using Portal.Domain.Flags;
using Portal.Domain.Flags.Rules;
using static Portal.Domain.Tests.Flags.FactsBuilder;

namespace Portal.Domain.Tests.Flags;

public class FlagTests
{
    private static Flag Open(IFlagRule? rule = null)
    {
        rule ??= new OrphanedRule();
        return Flag.Raise(rule, RuleSettings.DefaultsOf(rule), Model(), new FlagCondition(Day(0), "No primary owner."), Day(0));
    }

    [Theory]
    [InlineData(null, 10, "reason")]
    [InlineData("Waiting for the reorganisation", 0, "until")]
    [InlineData("Waiting for the reorganisation", -1, "until")]
    [InlineData("Waiting for the reorganisation", 91, "until")]
    public void A_snooze_needs_a_reason_and_an_end_in_the_future_within_90_days(string? reason, int days, string field)
    {
        var errors = Flag.ValidateSnooze(reason, Day(days), Day(0));

        Assert.True(errors.ContainsKey(field));
    }

    [Fact]
    public void A_snooze_of_90_days_is_accepted_and_recorded()
    {
        var flag = Open();

        flag.Snooze("Cara Petrov", " New owner starts in March ", Day(90), Day(0));

        Assert.Equal((Day(90), "New owner starts in March", "Cara Petrov"), (flag.SnoozedUntil!.Value, flag.SnoozeReason!, flag.SnoozedBy!));
        Assert.True(flag.IsSnoozedAt(Day(89)));
        Assert.False(flag.IsSnoozedAt(Day(90)));
        Assert.Equal("Flag.Snoozed", flag.PendingAuditAction);
    }

    [Fact]
    public void A_flag_is_acknowledged_once_and_a_resolved_flag_cannot_be_acted_on()
    {
        var flag = Open();
        flag.Acknowledge("Ada", Day(1));
        Assert.Throws<InvalidOperationException>(() => flag.Acknowledge("Ben", Day(2)));

        flag.Resolve(Day(3));
        Assert.Throws<InvalidOperationException>(() => flag.Snooze("Ada", "why", Day(10), Day(3)));
        Assert.Throws<InvalidOperationException>(() => flag.Resolve(Day(4)));
    }

    [Theory]
    [InlineData(PortalRoles.Admin, false, false, true)]
    [InlineData(PortalRoles.ComplianceReviewer, false, false, true)]
    [InlineData(PortalRoles.Manager, true, false, true)]
    [InlineData(PortalRoles.Manager, false, false, false)]
    [InlineData(PortalRoles.Engineer, false, true, false)]
    [InlineData(PortalRoles.Auditor, false, false, false)]
    public void Ownership_flags_are_for_the_teams_managers_compliance_and_admins(string role, bool manager, bool owner, bool allowed)
    {
        var actor = new Actor("someone", "Someone", new HashSet<string> { role });

        Assert.Equal(allowed, FlagAccess.CanActOn(actor, Open(new OrphanedRule()), manager, owner));
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void Other_flags_are_also_for_the_owners(bool owner, bool allowed)
    {
        var engineer = new Actor("someone", "Someone", new HashSet<string> { PortalRoles.Engineer });

        Assert.Equal(allowed, FlagAccess.CanActOn(engineer, Open(new StaleActivityRule()), false, owner));
    }

    [Fact]
    public void Settings_refuse_unknown_thresholds_and_days_out_of_range()
    {
        var rule = new StaleFairnessRule();

        var errors = RuleSettings.Validate(rule, new Dictionary<string, int> { ["weeks"] = 3, [StaleFairnessRule.HighKey] = 0, [StaleFairnessRule.LowKey] = 400 });

        Assert.Equal(["thresholds.highDays", "thresholds.weeks"], errors.Keys.Order());
    }
}
