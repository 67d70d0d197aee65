using System.Globalization;
using Portal.Domain.Fairness;

namespace Portal.Web.Features.Fairness;

/// <summary>How fairness figures read on the page: three decimals, "undefined" said as such.</summary>
public static class FairnessFormat
{
    public static string Number(double? value) => value?.ToString("0.000", CultureInfo.InvariantCulture) ?? "undefined";

    public static string Interval(Rate rate) => rate.Lower is { } lower && rate.Upper is { } upper
        ? string.Create(CultureInfo.InvariantCulture, $"{lower:0.000}–{upper:0.000}")
        : "";

    public static string Check(string check) => check switch
    {
        FairnessJudgement.DemographicParityRatio => "Demographic parity ratio",
        FairnessJudgement.DemographicParityDifference => "Demographic parity difference",
        FairnessJudgement.EqualizedOddsDifference => "Equalized odds difference",
        FairnessJudgement.RequiredFeature => "Required sensitive feature",
        _ => check,
    };
}
