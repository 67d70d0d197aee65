using static Portal.Domain.Tests.Fairness.PredictionCsv;

namespace Portal.Domain.Tests.Fairness;

/// <summary>
/// Fairlearn's own test data, test/unit/metrics/data_for_test.py (fairlearn/fairlearn, commit ebf8fa75):
/// y_t, y_p, sample weights s_w and the groups g_1 = ["aa","ba"] in runs of 2 and g_2 = ["f","g"] in runs of 3.
/// Fairlearn's tests (test_fairness_metrics.py) only compare its functions with each other, so the expected
/// values here are worked out by hand from Fairlearn's definitions as exact fractions (weighted confusion counts
/// per group; difference = max − min, ratio = min / max, equalized odds = worse of TPR and FPR).
/// </summary>
public class FairlearnTestDataTests
{
    private static readonly int[] YT =
    [
        1, 0, 1, 1, 1, 0, 1, 1, 0, 0, 0, 1, 1, 1, 0, 1, 1, 0, 0, 1, 1, 1, 0, 0,
        0, 0, 1, 1, 1, 1, 1, 1, 0, 1, 0, 1, 0, 0, 1, 0, 1, 0, 0, 1, 1, 1, 0, 0,
        0, 1, 1, 1, 1, 0, 0, 1, 1, 1, 0, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    ];

    private static readonly int[] YP =
    [
        0, 1, 1, 1, 0, 0, 0, 1, 1, 1, 1, 0, 0, 1, 1, 1, 0, 1, 1, 0, 1, 1, 0, 0,
        0, 0, 1, 1, 1, 1, 1, 1, 0, 1, 0, 1, 0, 0, 1, 0, 1, 0, 1, 1, 0, 1, 1, 0,
        1, 1, 0, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    ];

    private static readonly double[] SW =
    [
        1, 2, 3, 1, 2, 1, 2, 3, 1, 1, 1, 2, 3, 3, 1, 2, 1, 1, 1, 2, 3, 2, 2, 1,
        2, 1, 3, 1, 3, 1, 4, 1, 2, 1, 3, 2, 3, 3, 4, 1, 4, 1, 3, 1, 1, 1, 2, 3,
        3, 1, 2, 1, 1, 1, 2, 3, 1, 1, 2, 3, 2, 1, 2, 2, 3, 2, 3, 2, 3, 4, 1,
    ];

    private static readonly string[] G1 = [.. Enumerable.Range(0, YT.Length).Select(x => new[] { "aa", "ba" }[x / 2 % 2])];
    private static readonly string[] G2 = [.. Enumerable.Range(0, YT.Length).Select(x => new[] { "f", "g" }[x / 3 % 2])];

    [Fact]
    public void Unweighted_single_feature()
    {
        var result = Compute(From(YT, YP, [G1]));

        Assert.Equal(36, result.Group("aa").Count);
        Near(11.0 / 18, result.Group("aa").SelectionRate);
        Near(15.0 / 22, result.Group("aa").TruePositiveRate);
        Near(7.0 / 22, result.Group("aa").FalseNegativeRate);
        Near(24.0 / 35, result.Group("ba").Accuracy);
        Near(47.0 / 630, result.Disparities.DemographicParityDifference);
        Near(385.0 / 432, result.Disparities.DemographicParityRatio);
        Near(51.0 / 506, result.Disparities.EqualizedOddsDifference);
        Near(115.0 / 132, result.Disparities.EqualizedOddsRatio);
    }

    [Fact]
    public void Weighted_single_feature()
    {
        var result = Compute(From(YT, YP, [G1], SW), weighted: true);

        Near(93.0 / 139, result.Overall.SelectionRate);
        Near(73.0 / 94, result.Overall.TruePositiveRate);
        Near(4.0 / 9, result.Overall.FalsePositiveRate);
        Near(21.0 / 94, result.Overall.FalseNegativeRate);
        Near(98.0 / 139, result.Overall.Accuracy);
        Assert.Equal(71, result.Overall.Count);
        Near(44.0 / 67, result.Group("aa").SelectionRate);
        Near(10.0 / 23, result.Group("aa").FalsePositiveRate);
        Near(39.0 / 50, result.Group("ba").TruePositiveRate);
        Near(17.0 / 24, result.Group("ba").Accuracy);
        Near(115.0 / 4824, result.Disparities.DemographicParityDifference);
        Near(3168.0 / 3283, result.Disparities.DemographicParityRatio);
        Near(5.0 / 253, result.Disparities.EqualizedOddsDifference);
        Near(22.0 / 23, result.Disparities.EqualizedOddsRatio);
        Near(2.0 / 275, result.Disparities.EqualOpportunityDifference);
        Near(425.0 / 429, result.Disparities.EqualOpportunityRatio);
    }

    [Fact]
    public void Weighted_intersection_of_two_features()
    {
        var result = Compute(From(YT, YP, [G1, G2], SW), sensitiveColumns: 2, weighted: true);

        Assert.Equal(4, result.Groups.Count);
        Assert.Equal(17, result.Group("ba", "g").Count);
        Near(19.0 / 36, result.Group("aa", "f").SelectionRate);
        Near(11.0 / 13, result.Group("aa", "g").TruePositiveRate);
        Near(1.0, result.Group("ba", "f").FalsePositiveRate);
        Near(29.0 / 42, result.Group("ba", "f").Accuracy);
        Near(1.0 / 3, result.Group("ba", "g").FalseNegativeRate);
        Near(89.0 / 210, result.Disparities.DemographicParityDifference);
        Near(91.0 / 180, result.Disparities.DemographicParityRatio);
        Near(4.0 / 5, result.Disparities.EqualizedOddsDifference);
        Near(1.0 / 5, result.Disparities.EqualizedOddsRatio);
        Near(7.0 / 39, result.Disparities.EqualOpportunityDifference);
        Near(26.0 / 33, result.Disparities.EqualOpportunityRatio);
    }

    [Fact]
    public void Unweighted_intersection_takes_the_worse_of_tpr_and_fpr()
    {
        var result = Compute(From(YT, YP, [G1, G2]), sensitiveColumns: 2);

        Near(1.0 / 3, result.Disparities.DemographicParityDifference);
        Near(3.0 / 5, result.Disparities.DemographicParityRatio);
        Near(3.0 / 4, result.Disparities.EqualizedOddsDifference); // FPR: 1 − 1/4, larger than TPR's 29/126
        Assert.Equal("false positive rate", result.Disparities.EqualizedOddsDifference.BaseRate);
        Near(1.0 / 4, result.Disparities.EqualizedOddsRatio);
        Near(29.0 / 126, result.Disparities.EqualOpportunityDifference);
        Near(70.0 / 99, result.Disparities.EqualOpportunityRatio);
    }
}
