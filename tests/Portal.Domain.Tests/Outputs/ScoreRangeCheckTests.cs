using Portal.Domain.Flags;
using Portal.Domain.Flags.Rules;
using Portal.Domain.Inventory;
using Portal.Domain.Outputs;

namespace Portal.Domain.Tests.Outputs;

public sealed class ScoreRangeCheckTests
{
    private static readonly DateTime Now = new(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Counts_values_outside_the_range_and_keeps_the_first_as_example_skipping_empty_ones()
    {
        var check = new ScoreRangeCheck(new ScoreRange("score", 0, 1));

        foreach (var value in new[] { "0.2", "1", "", "1.37", "-0.1", "0" })
        {
            check.Observe(value);
        }

        Assert.Equal(new ScoreRangeFinding(2, "row 4: score = 1.37"), check.Result());
    }

    [Fact]
    public void A_value_that_is_not_a_number_is_out_of_range_and_a_clean_column_finds_nothing()
    {
        var check = new ScoreRangeCheck(new ScoreRange("score", 0, 1));
        check.Observe("high");
        check.Observe("NaN");
        var clean = new ScoreRangeCheck(new ScoreRange("score", 0, 1));
        clean.Observe("0.5");

        Assert.Equal(new ScoreRangeFinding(2, "row 1: score = high"), check.Result());
        Assert.Equal(new ScoreRangeFinding(0, null), clean.Result());
        Assert.Equal(1, clean.ColumnIndexIn([new("id", OutputColumnType.String, []), new("score", OutputColumnType.Decimal, [])]));
    }

    [Fact]
    public void The_rule_flags_a_model_with_an_out_of_range_output_and_says_the_count_and_example()
    {
        var rule = new OutOfRangeOutputsRule();
        var facts = new ModelFacts(1, "credit-pd", "Risk", RiskTier.High, LifecycleStatus.Production, Now.AddYears(-1));
        Assert.Null(rule.Evaluate(facts, RuleSettings.DefaultsOf(rule), Now));

        facts.OutOfRangeOutputs.Add(new(7, "scores", "1.0.0", "score", 0, 1, 3, "row 4: score = 1.37", Now.AddDays(-2)));
        facts.OutOfRangeOutputs.Add(new(8, "scores-b", "1.0.0", "score", 0, 1, 1, "row 1: score = 2", Now));
        var condition = rule.Evaluate(facts, RuleSettings.DefaultsOf(rule), Now);

        Assert.NotNull(condition);
        Assert.Equal(Now.AddDays(-2), condition.Since);
        Assert.Equal("Output 'scores' of 1.0.0 (/outputs/7) has 3 score values outside [0, 1]; for example row 4: score = 1.37. 1 more output out of range.",
            condition.Detail);
    }
}
