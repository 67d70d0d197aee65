using static Portal.Domain.Tests.Fairness.PredictionCsv;

namespace Portal.Domain.Tests.Fairness;

/// <summary>
/// Values published in Fairlearn's user guide (repository fairlearn/fairlearn, commit ebf8fa75):
/// docs/user_guide/assessment/perform_fairness_assessment.rst (MetricFrame overall, by_group, difference, ratio),
/// docs/user_guide/assessment/common_fairness_metrics.rst (demographic parity, equalized odds) and
/// docs/user_guide/assessment/intersecting_groups.rst (two sensitive features). The docs print rounded
/// figures; each is the exact fraction noted beside it, which is what is asserted to 1e-9.
/// </summary>
public class FairlearnDocumentationTests
{
    private static readonly int[] YTrue = [0, 1, 1, 1, 1, 0, 1, 0, 1, 0, 0, 0, 1, 1, 1, 1, 1, 1];
    private static readonly int[] YPred = [0, 0, 1, 0, 1, 1, 1, 0, 0, 1, 1, 1, 1, 0, 0, 1, 1, 0];
    private static readonly string[] SfData = ["b", "b", "a", "b", "b", "c", "c", "c", "a", "a", "c", "a", "b", "c", "c", "b", "c", "c"];
    private static readonly string[] G2 = ["8", "6", "8", "8", "8", "8", "6", "6", "6", "8", "6", "6", "6", "6", "8", "6", "6", "6"];

    private static readonly Portal.Domain.Fairness.FairnessResult Single = Compute(From(YTrue, YPred, [SfData]));

    [Fact]
    public void Overall_matches_MetricFrame_overall()
    {
        // perform_fairness_assessment.rst: tpr 0.500000, fpr 0.666667, sel 0.555556, count 18
        Assert.Equal(18, Single.Overall.Count);
        Near(0.5, Single.Overall.TruePositiveRate);
        Near(2.0 / 3, Single.Overall.FalsePositiveRate);
        Near(10.0 / 18, Single.Overall.SelectionRate);
    }

    [Theory]
    // perform_fairness_assessment.rst, mf.by_group: a 0.5 1.000000 0.75 4; b 0.6 0.000000 0.50 6; c 0.4 0.666667 0.50 8
    [InlineData("a", 0.5, 1.0, 0.75, 4)]
    [InlineData("b", 0.6, 0.0, 0.5, 6)]
    [InlineData("c", 0.4, 2.0 / 3, 0.5, 8)]
    public void Groups_match_MetricFrame_by_group(string group, double tpr, double fpr, double selection, long count)
    {
        var metrics = Single.Group(group);

        Assert.Equal(count, metrics.Count);
        Near(tpr, metrics.TruePositiveRate);
        Near(fpr, metrics.FalsePositiveRate);
        Near(selection, metrics.SelectionRate);
    }

    [Fact]
    public void Disparities_match_the_published_fairness_metrics()
    {
        // common_fairness_metrics.rst: demographic_parity_difference 0.25, demographic_parity_ratio 0.66666...,
        // equalized_odds_difference 1.0, equalized_odds_ratio 0.0;
        // perform_fairness_assessment.rst mf.difference()/ratio(): tpr 0.20 / 0.666667 (equal opportunity)
        Near(0.25, Single.Disparities.DemographicParityDifference);
        Near(2.0 / 3, Single.Disparities.DemographicParityRatio);
        Near(1.0, Single.Disparities.EqualizedOddsDifference);
        Near(0.0, Single.Disparities.EqualizedOddsRatio);
        Near(0.2, Single.Disparities.EqualOpportunityDifference);
        Near(2.0 / 3, Single.Disparities.EqualOpportunityRatio);
    }

    [Theory]
    // intersecting_groups.rst, metric_2sf_multi.by_group (recall, count): a/6 0.0 2; a/8 1.0 2; b/6 0.666667 3;
    // b/8 0.5 3; c/6 0.5 6; c/8 0.0 2
    [InlineData("a", "6", 0.0, 2)]
    [InlineData("a", "8", 1.0, 2)]
    [InlineData("b", "6", 2.0 / 3, 3)]
    [InlineData("b", "8", 0.5, 3)]
    [InlineData("c", "6", 0.5, 6)]
    [InlineData("c", "8", 0.0, 2)]
    public void Intersections_match_MetricFrame_with_two_sensitive_features(string sf0, string sf1, double recall, long count)
    {
        var result = Compute(From(YTrue, YPred, [SfData, G2]), sensitiveColumns: 2);

        Assert.Equal(6, result.Groups.Count);
        Assert.Equal(count, result.Group(sf0, sf1).Count);
        Near(recall, result.Group(sf0, sf1).TruePositiveRate);
        Near(0.5, result.Overall.TruePositiveRate); // "metric_2sf.overall.item()  # Same as before: 0.5"
    }

    [Fact]
    public void Weighted_selection_rate_matches_the_fairlearn_test_suite()
    {
        // test/unit/metrics/test_selection_rate.py, test_selection_rate_weighted: 0.3125
        var csv = From([0, 0, 0, 0, 0, 0, 0, 0], [0, 1, 1, 0, 0, 0, 0, 0], [["x", "x", "x", "x", "x", "x", "x", "x"]], [1, 2, 3, 4, 1, 2, 1, 2]);

        Near(0.3125, Compute(csv, weighted: true).Overall.SelectionRate);
    }

    [Fact]
    public void True_positive_rate_matches_the_fairlearn_test_suite()
    {
        // test/unit/metrics/test_base_metrics.py, TestTPR.test_some_correct: 0.25
        var csv = From([0, 0, 0, 0, 1, 1, 1, 1], [0, 0, 0, 1, 1, 0, 0, 0], [["x", "x", "x", "x", "x", "x", "x", "x"]]);

        Near(0.25, Compute(csv).Overall.TruePositiveRate);
    }
}
