using System.Globalization;
using System.Text;
using Portal.Domain.Fairness;
using Portal.Domain.Inventory;
using Portal.Domain.Versions;

namespace Portal.Web.Features.Fairness;

/// <summary>
/// Demo evaluations computed by the real calculator from generated predictions: the production version passes,
/// the staged one selects women less often and fails.
/// </summary>
internal static class DemoFairnessData
{
    public static IEnumerable<FairnessEvaluation> For(Model model, IReadOnlyList<ModelVersion> versions, DateTime now)
    {
        var mapping = new FairnessMapping("label", "prediction", ["sex", "age_band"], "weight", "score");
        var policy = FairnessPolicy.Default(model.RiskTier);
        foreach (var (version, femaleBias, ageDays) in new[] { (versions[0], 0.0, 40), (versions[^1], 0.12, 2) })
        {
            var result = FairnessCalculator.Compute(new StringReader(Predictions(femaleBias, seed: ageDays)), mapping);
            var subject = new EvaluationSubject(model.Id, model.Key, model.RiskTier, version.Id, version.Label);
            yield return FairnessEvaluation.Record(subject, result, EvaluationSource.Computed, policy, $"holdout-{version.Label}.csv",
                "label=label; prediction=prediction; sensitive=sex+age_band; weight=weight; score=score; positive=1", "Eric Engineer", now.AddDays(-ageDays));
        }
    }

    /// <summary>
    /// The document classifier's figures were computed by its own pipeline and imported; Rita Reviewer (not an owner) attested
    /// them before she approved its release, so the fairness gate counts them and says so.
    /// </summary>
    public static FairnessEvaluation ImportedAndAttested(Model model, ModelVersion version, DateTime evaluatedAt)
    {
        var mapping = new FairnessMapping("label", "prediction", ["sex"], "weight", null);
        var result = FairnessCalculator.Compute(new StringReader(Predictions(0.0, seed: 7)), mapping);
        var subject = new EvaluationSubject(model.Id, model.Key, model.RiskTier, version.Id, version.Label);
        var evaluation = FairnessEvaluation.Record(subject, result, EvaluationSource.Imported, FairnessPolicy.Default(model.RiskTier), null, null,
            "ci-documents (service token)", evaluatedAt);
        evaluation.Attest("demo-rita", "Rita Reviewer", "Checked the pipeline's run log and the holdout's hash against the version's lineage.", evaluatedAt.AddHours(20));
        return evaluation;
    }

    private static string Predictions(double femaleBias, int seed)
    {
        var random = new Random(seed);
        var csv = new StringBuilder("label,prediction,score,sex,age_band,weight\n");
        for (var i = 0; i < 4000; i++)
        {
            var sex = random.Next(2) == 0 ? "female" : "male";
            var label = random.NextDouble() < 0.45 ? 1 : 0;
            var score = Math.Clamp((label * 0.35) + (random.NextDouble() * 0.65) - (sex == "female" ? femaleBias : 0), 0, 1);
            csv.Append(CultureInfo.InvariantCulture, $"{label},{(score >= 0.5 ? 1 : 0)},{score:0.000},{sex},{(random.Next(2) == 0 ? "under_40" : "40_plus")},{1 + random.Next(3)}\n");
        }

        return csv.ToString();
    }
}
