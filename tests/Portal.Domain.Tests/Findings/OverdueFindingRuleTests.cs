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
        facts.OpenFindings.Add(new OpenFindingFact(Guid.NewGuid(), "Later", "Low", "Eric", new DateOnly(2026, 1, 9)));
        facts.OpenFindings.Add(new OpenFindingFact(First, "Holdout overlaps", "High", "Eric Engineer", new DateOnly(2026, 1, 5)));

        var condition = new OverdueFindingRule().Evaluate(facts, FactsBuilder.Day(10));

        Assert.NotNull(condition);
        Assert.Equal(new DateTime(2026, 1, 6, 0, 0, 0, DateTimeKind.Utc), condition.Since);
        Assert.Equal($"High finding 'Holdout overlaps' (/findings/{First}) was due 2026-01-05; Eric Engineer remediates it. 1 more finding overdue.", condition.Detail);
    }

    [Fact]
    public void A_finding_due_today_or_later_is_not_overdue()
    {
        var facts = FactsBuilder.Model();
        facts.OpenFindings.Add(new OpenFindingFact(First, "Due today", "High", "Eric", DateOnly.FromDateTime(FactsBuilder.Day(10))));
        facts.OpenFindings.Add(new OpenFindingFact(Guid.NewGuid(), "Due later", "Low", "Eric", DateOnly.FromDateTime(FactsBuilder.Day(30))));

        Assert.Null(new OverdueFindingRule().Evaluate(facts, FactsBuilder.Day(10)));
    }

    [Fact]
    public void The_rule_needs_the_findings_facts_and_does_not_block_releases_itself()
    {
        var rule = new OverdueFindingRule();

        Assert.Equal([FactKinds.Findings], rule.RequiredFacts);
        Assert.False(rule.BlocksReleasesByDefault);
    }
}
