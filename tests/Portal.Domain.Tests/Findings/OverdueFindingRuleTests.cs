using Portal.Domain.Flags;
using Portal.Domain.Flags.Rules;
using Portal.Domain.Tests.Flags;

namespace Portal.Domain.Tests.Findings;

public sealed class OverdueFindingRuleTests
{
    private static readonly Guid First = Guid.Parse("00000000-0000-0000-0000-000000000001");

    [Fact]
    public void No_overdue_finding_raises_nothing() =>
        Assert.Null(new OverdueFindingRule().Evaluate(FactsBuilder.Model(), FactsBuilder.Day(10)));

    [Fact]
    public void The_earliest_overdue_finding_is_named_since_the_day_after_it_was_due_with_a_count_of_the_others()
    {
        var facts = FactsBuilder.Model();
        facts.OverdueFindings.Add(new OverdueFindingFact(Guid.NewGuid(), "Later", "Low", "Eric", new DateOnly(2026, 1, 9)));
        facts.OverdueFindings.Add(new OverdueFindingFact(First, "Holdout overlaps", "High", "Eric Engineer", new DateOnly(2026, 1, 5)));

        var condition = new OverdueFindingRule().Evaluate(facts, FactsBuilder.Day(10));

        Assert.NotNull(condition);
        Assert.Equal(new DateTime(2026, 1, 6, 0, 0, 0, DateTimeKind.Utc), condition.Since);
        Assert.Equal($"High finding 'Holdout overlaps' (/findings/{First}) was due 2026-01-05; Eric Engineer remediates it. 1 more finding overdue.", condition.Detail);
    }

    [Fact]
    public void The_rule_needs_the_findings_facts_and_does_not_block_releases_itself()
    {
        var rule = new OverdueFindingRule();

        Assert.Equal([FactKinds.Findings], rule.RequiredFacts);
        Assert.False(rule.BlocksReleasesByDefault);
    }
}
