using Portal.Domain.Fairness;
using static Portal.Domain.Tests.Fairness.PredictionCsv;

namespace Portal.Domain.Tests.Fairness;

/// <summary>Small files whose figures are worked out by hand in the comments.</summary>
public class HandComputedMetricTests
{
    // Group m: (label,prediction) = (1,1) w2, (1,0) w1, (0,1) w1, (0,0) w4 → TP 2, FN 1, FP 1, TN 4, total 8.
    // Group f: (1,1) w1, (1,0) w3, (0,0) w2 → TP 1, FN 3, FP 0, TN 2, total 6.
    private const string Weighted = "label,prediction,sex,weight\n1,1,m,2\n1,0,m,1\n0,1,m,1\n0,0,m,4\n1,1,f,1\n1,0,f,3\n0,0,f,2\n";

    [Fact]
    public void Weighted_rates_per_group()
    {
        var result = Compute(Weighted.Replace("sex", "sf0", StringComparison.Ordinal), weighted: true);
        var m = result.Group("m");
        var f = result.Group("f");

        Assert.Equal(4, m.Count);
        Assert.Equal(8, m.Weight);
        Near(3.0 / 8, m.SelectionRate); // (TP+FP)/total
        Near(2.0 / 3, m.TruePositiveRate); // TP/(TP+FN)
        Near(1.0 / 5, m.FalsePositiveRate); // FP/(FP+TN)
        Near(1.0 / 3, m.FalseNegativeRate); // FN/(TP+FN)
        Near(6.0 / 8, m.Accuracy); // (TP+TN)/total
        Near(1.0 / 6, f.SelectionRate);
        Near(1.0 / 4, f.TruePositiveRate);
        Near(0.0, f.FalsePositiveRate);
        Near(3.0 / 8 - 1.0 / 6, result.Disparities.DemographicParityDifference);
        Near(1.0 / 6 / (3.0 / 8), result.Disparities.DemographicParityRatio);
        Near(2.0 / 3 - 1.0 / 4, result.Disparities.EqualOpportunityDifference); // TPR gap 5/12 > FPR gap 1/5
        Near(2.0 / 3 - 1.0 / 4, result.Disparities.EqualizedOddsDifference);
        Near(0.0, result.Disparities.EqualizedOddsRatio); // FPR ratio 0/0.2 is worse than TPR ratio 3/8
        Assert.Equal("f", result.Disparities.DemographicParityRatio.LowestGroup?.Split('=')[1]);
    }

    [Fact]
    public void Wilson_interval_of_an_unweighted_rate()
    {
        // 0 of n: lower 0, upper z²/(n+z²); n of n: lower n/(n+z²), upper 1 (z = 1.959963984540054).
        const double z2 = 1.959963984540054 * 1.959963984540054;
        var result = Compute("label,prediction,sf0\n1,1,a\n1,1,a\n1,1,a\n1,1,a\n0,0,a\n0,0,a\n0,0,a\n0,0,a\n0,0,a\n0,0,a\n");
        var a = result.Group("a");

        Near(0, a.FalsePositiveRate.Lower);
        Near(z2 / (6 + z2), a.FalsePositiveRate.Upper);
        Near(4 / (4 + z2), a.TruePositiveRate.Lower);
        Near(1, a.TruePositiveRate.Upper);
    }

    [Fact]
    public void Wilson_interval_uses_the_effective_size_of_weighted_counts()
    {
        // Weights 3 and 1 on two positives: n_eff = (3+1)² / (9+1) = 1.6, p = 3/4.
        var (lower, upper) = WilsonInterval.Of(0.75, 1.6);
        var rate = Compute("label,prediction,sf0,weight\n1,1,a,3\n1,0,a,1\n", weighted: true).Group("a").TruePositiveRate;

        Near(0.75, rate);
        Near(lower, rate.Lower);
        Near(upper, rate.Upper);
        Assert.True(upper - lower > 0.5, "an effective size of 1.6 gives a wide interval");
    }

    [Fact]
    public void Group_without_positive_labels_has_undefined_rates_and_equal_opportunity_says_why()
    {
        var result = Compute("label,prediction,sf0\n1,1,a\n0,0,a\n0,1,b\n0,1,b\n");
        var b = result.Group("b");

        Assert.Null(b.TruePositiveRate.Value);
        Assert.Equal("no positive labels", b.TruePositiveRate.UndefinedReason);
        Assert.Null(b.FalseNegativeRate.Value);
        Near(1.0, b.FalsePositiveRate);
        Assert.Null(result.Disparities.EqualOpportunityDifference.Value);
        Assert.Contains("sf0=b", result.Disparities.EqualOpportunityDifference.UndefinedReason, StringComparison.Ordinal);
        Assert.Null(result.Disparities.EqualizedOddsDifference.Value);
        Near(0.5, result.Disparities.DemographicParityDifference);
    }

    [Fact]
    public void Ratio_of_all_zero_rates_is_undefined()
    {
        var result = Compute("label,prediction,sf0\n1,0,a\n0,0,b\n");

        Near(0, result.Disparities.DemographicParityDifference);
        Assert.Null(result.Disparities.DemographicParityRatio.Value);
        Assert.Contains("0/0", result.Disparities.DemographicParityRatio.UndefinedReason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_single_group_has_no_disparity()
    {
        var result = Compute("label,prediction,sf0\n1,1,a\n0,1,a\n1,0,a\n");

        Assert.Single(result.Groups);
        Near(0, result.Disparities.DemographicParityDifference);
        Near(1, result.Disparities.DemographicParityRatio);
        Near(1, result.Disparities.EqualOpportunityRatio);
    }

    [Fact]
    public void Groups_below_the_minimum_size_are_flagged()
    {
        var result = Compute("label,prediction,sf0\n1,1,a\n0,1,a\n1,0,a\n1,0,b\n", minimumGroupSize: 3);

        Assert.False(result.Group("a").TooSmall);
        Assert.True(result.Group("b").TooSmall);
    }

    [Fact]
    public void Text_labels_use_the_configured_positive_value_and_learn_the_negative()
    {
        var csv = "outcome,decision,sex\napproved,approved,f\ndenied,approved,f\napproved,denied,m\ndenied,denied,m\n";
        var result = FairnessCalculator.Compute(new StringReader(csv), new FairnessMapping("outcome", "decision", ["sex"], PositiveValue: "approved"));

        Near(1.0, result.Group("f").SelectionRate);
        Near(0.0, result.Group("m").SelectionRate);
        Assert.Equal("sex", result.Groups[0].Features[0].Column);
    }
}
