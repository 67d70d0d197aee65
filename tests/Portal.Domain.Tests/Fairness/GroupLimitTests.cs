using Portal.Domain.Fairness;

namespace Portal.Domain.Tests.Fairness;

public class GroupLimitTests
{
    private static string Csv(int rows, Func<int, string> sensitive) =>
        "label,prediction,id\n" + string.Concat(Enumerable.Range(0, rows).Select(i => $"{i % 2},1,{sensitive(i)}\n"));

    [Fact]
    public void A_column_with_more_distinct_values_than_the_limit_is_refused_at_the_first_one_over()
    {
        var refusal = Assert.Throws<PredictionFileException>(() =>
            FairnessCalculator.Compute(new StringReader(Csv(50, i => $"v{i}")), new FairnessMapping("label", "prediction", ["id"]), maxGroups: 10));

        Assert.Equal("id", refusal.Column);
        Assert.Equal(11, refusal.Row);
        Assert.Contains("more than 10 distinct values", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Exactly_the_limit_is_accepted()
    {
        var result = FairnessCalculator.Compute(new StringReader(Csv(40, i => $"v{i % 10}")), new FairnessMapping("label", "prediction", ["id"]), maxGroups: 10);

        Assert.Equal(10, result.Groups.Count);
    }

    [Fact]
    public void The_default_limit_is_a_thousand_groups()
    {
        var accepted = FairnessCalculator.Compute(new StringReader(Csv(1_000, i => $"v{i}")), new FairnessMapping("label", "prediction", ["id"]));
        var refused = Assert.Throws<PredictionFileException>(() =>
            FairnessCalculator.Compute(new StringReader(Csv(1_001, i => $"v{i}")), new FairnessMapping("label", "prediction", ["id"])));

        Assert.Equal(1_000, accepted.Groups.Count);
        Assert.Equal(1_001, refused.Row);
    }
}
