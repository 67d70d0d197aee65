using System.Text;
using Portal.Domain.Fairness;

namespace Portal.Domain.Tests.Fairness;

/// <summary>Builds predictions files from columns of values, the way the published examples give them.</summary>
internal static class PredictionCsv
{
    public const double Tolerance = 1e-9;

    public static string From(int[] label, int[] prediction, string[][] sensitive, double[]? weight = null)
    {
        var text = new StringBuilder("label,prediction");
        for (var s = 0; s < sensitive.Length; s++)
        {
            text.Append(",sf").Append(s);
        }

        text.Append(weight is null ? "\n" : ",weight\n");
        for (var i = 0; i < label.Length; i++)
        {
            text.Append(label[i]).Append(',').Append(prediction[i]);
            foreach (var column in sensitive)
            {
                text.Append(',').Append(column[i]);
            }

            text.Append(weight is null ? "\n" : FormattableString.Invariant($",{weight[i]}\n"));
        }

        return text.ToString();
    }

    public static FairnessResult Compute(string csv, int sensitiveColumns = 1, bool weighted = false, int minimumGroupSize = 1) =>
        FairnessCalculator.Compute(
            new StringReader(csv),
            new FairnessMapping("label", "prediction", [.. Enumerable.Range(0, sensitiveColumns).Select(s => $"sf{s}")], weighted ? "weight" : null, PositiveValue: "1", NegativeValue: "0"),
            minimumGroupSize);

    public static GroupMetrics Group(this FairnessResult result, params string[] values) =>
        result.Groups.Single(g => g.Features.Select(f => f.Value).SequenceEqual(values));

    public static void Near(double expected, double? actual) => Assert.Equal(expected, actual!.Value, Tolerance);

    public static void Near(double expected, Rate rate) => Near(expected, rate.Value);

    public static void Near(double expected, Disparity disparity) => Near(expected, disparity.Value);
}
