using Portal.Domain.Fairness;
using Portal.Domain.Inventory;
using static Portal.Domain.Tests.Fairness.PredictionCsv;

namespace Portal.Domain.Tests.Fairness;

public class FairnessJudgementTests
{
    // Women selected at 0.25 (1 of 4), men at 0.5 (2 of 4); TPR 0.5 vs 1.0; FPR 0 vs 0.
    private static readonly FairnessResult Unequal = Compute("label,prediction,sf0\n1,1,f\n1,0,f\n0,0,f\n0,0,f\n1,1,m\n1,1,m\n0,0,m\n0,0,m\n");

    private static FairnessThresholds Policy(double ratio = 0.8, double difference = 0.1, double odds = 0.1, params string[] required) =>
        new(ratio, difference, odds, required, 90);

    [Fact]
    public void Each_failed_threshold_is_a_failure_with_a_plain_sentence()
    {
        var verdict = FairnessJudgement.Judge(Unequal, Policy());

        Assert.False(verdict.Passed);
        Assert.Equal(
            [FairnessJudgement.DemographicParityRatio, FairnessJudgement.DemographicParityDifference, FairnessJudgement.EqualizedOddsDifference],
            verdict.Failures.Select(f => f.Check));
        Assert.Equal("sf0=f are selected at 0.5 times the rate of sf0=m (0.25 vs 0.5); policy requires at least 0.8.", verdict.Failures[0].Sentence);
        Assert.Equal("sf0=f are selected at a rate 0.25 lower than sf0=m (0.25 vs 0.5); policy allows at most 0.1 (demographic parity difference).", verdict.Failures[1].Sentence);
        Assert.Equal("sf0=f have a true positive rate 0.5 lower than sf0=m (0.5 vs 1); policy allows at most 0.1 (equalized odds difference).", verdict.Failures[2].Sentence);
        Assert.Equal(0.5, verdict.Failures[0].Measured!.Value, Tolerance);
    }

    [Fact]
    public void Thresholds_are_inclusive()
    {
        var verdict = FairnessJudgement.Judge(Unequal, Policy(ratio: 0.5, difference: 0.25, odds: 0.5));

        Assert.True(verdict.Passed, string.Join(" ", verdict.Failures.Select(f => f.Sentence)));
    }

    [Fact]
    public void An_undefined_disparity_fails_its_check_and_says_why()
    {
        var noPositives = Compute("label,prediction,sf0\n1,1,a\n0,0,a\n0,0,b\n0,0,b\n");

        var verdict = FairnessJudgement.Judge(noPositives, Policy(ratio: 0, difference: 1));

        var failure = Assert.Single(verdict.Failures);
        Assert.Equal(FairnessJudgement.EqualizedOddsDifference, failure.Check);
        Assert.Null(failure.Measured);
        Assert.Contains("cannot be computed", failure.Sentence, StringComparison.Ordinal);
        Assert.Contains("sf0=b", failure.Sentence, StringComparison.Ordinal);
    }

    [Fact]
    public void A_required_sensitive_feature_that_was_not_evaluated_fails()
    {
        var verdict = FairnessJudgement.Judge(Unequal, Policy(0, 1, 1, "SF0", "age"));

        var failure = Assert.Single(verdict.Failures);
        Assert.Equal(FairnessJudgement.RequiredFeature, failure.Check);
        Assert.Contains("'age'", failure.Sentence, StringComparison.Ordinal);
    }

    [Fact]
    public void The_policy_in_force_is_the_newest_version_effective_at_the_moment()
    {
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var v1 = FairnessPolicy.Default(RiskTier.High).Next(Policy(0.85), "reviewer", null, start);
        var v2 = v1.Next(Policy(0.9), "reviewer", null, start.AddDays(10));
        FairnessPolicy[] versions = [v1, v2];

        Assert.Equal(0, FairnessPolicy.InForce(versions, RiskTier.High, start.AddDays(-1)).Version);
        Assert.Equal(1, FairnessPolicy.InForce(versions, RiskTier.High, start.AddDays(5)).Version);
        Assert.Equal(2, FairnessPolicy.InForce(versions, RiskTier.High, start.AddDays(10)).Version);
        Assert.Equal(0, FairnessPolicy.InForce(versions, RiskTier.Low, start.AddDays(20)).Version);
        Assert.Equal(365, FairnessPolicy.InForce(versions, RiskTier.Low, start).MaximumAgeDays);
        Assert.Equal(180, FairnessPolicy.Default(RiskTier.Medium).MaximumAgeDays);
    }

    [Fact]
    public void An_evaluation_records_its_verdict_and_round_trips_its_figures()
    {
        var evaluation = FairnessEvaluation.Record(new EvaluationSubject(1, "credit", RiskTier.High, 2, "1.0"), Unequal, EvaluationSource.Computed,
            FairnessPolicy.Default(RiskTier.High), "p.csv", null, "engineer", DateTime.UtcNow);

        Assert.False(evaluation.Passed);
        Assert.Equal(3, evaluation.Failures().Count);
        Assert.Equal(Unequal.Groups[0].SelectionRate, evaluation.Results().Groups[0].SelectionRate);
        Assert.Equal(64, evaluation.ResultsSha256.Length);
    }
}
