namespace Portal.Domain.Fairness;

/// <summary>
/// Turns metrics computed elsewhere (the <see cref="FairnessReport"/> JSON, e.g. from Fairlearn or the command
/// line) into a result the portal can show and judge. The reported disparities are taken as given; the groups
/// only supply who is lowest and highest for the wording. Imported rates carry no confidence interval, since
/// their denominators are not known.
/// </summary>
public static class ImportedResults
{
    public static Dictionary<string, string[]> Validate(FairnessReport? report)
    {
        var errors = new Dictionary<string, string[]>();
        if (report?.Overall is null || report.Groups is null || report.Disparities is null)
        {
            errors["report"] = ["An imported evaluation needs overall, groups and disparities."];
            return errors;
        }

        if (report.Groups.Count == 0)
        {
            errors["groups"] = ["An imported evaluation needs at least one group."];
            return errors;
        }

        var columns = Columns(report);
        if (columns.Count == 0 || report.Groups.Any(g => g.Features is null || !g.Features.Keys.Order(StringComparer.Ordinal).SequenceEqual(columns)))
        {
            errors["groups"] = ["Every group must name a value for the same sensitive features."];
        }

        var badRate = report.Groups.Append(report.Overall).Select((g, i) => (g, i)).FirstOrDefault(x => x.g.Count < 0 || Rates(x.g).Any(OutOfRange));
        if (badRate.g is not null)
        {
            errors["groups"] = [$"Group {badRate.i + 1}: counts must be at least 0 and rates between 0 and 1 (or null when undefined)."];
        }

        var d = report.Disparities;
        if (new[] { d.DemographicParityDifference, d.DemographicParityRatio, d.EqualizedOddsDifference, d.EqualizedOddsRatio, d.EqualOpportunityDifference, d.EqualOpportunityRatio }.Any(OutOfRange))
        {
            errors["disparities"] = ["Disparities must be between 0 and 1 (or null when undefined)."];
        }

        return errors;
    }

    public static FairnessResult From(FairnessReport report, int minimumGroupSize)
    {
        var columns = Columns(report);
        var groups = report.Groups
            .Select(g => ToMetrics([.. columns.Select(c => new FeatureValue(c, g.Features[c]))], g, minimumGroupSize))
            .OrderBy(g => g.Name, StringComparer.Ordinal)
            .ToList();
        var named = DisparityCalculator.Between(groups);
        var d = report.Disparities;
        var disparities = new FairnessDisparities(
            Given(named.DemographicParityDifference, d.DemographicParityDifference),
            Given(named.DemographicParityRatio, d.DemographicParityRatio),
            Given(named.EqualizedOddsDifference, d.EqualizedOddsDifference),
            Given(named.EqualizedOddsRatio, d.EqualizedOddsRatio),
            Given(named.EqualOpportunityDifference, d.EqualOpportunityDifference),
            Given(named.EqualOpportunityRatio, d.EqualOpportunityRatio));
        return new FairnessResult(columns, ToMetrics([], report.Overall, minimumGroupSize), groups, disparities, minimumGroupSize);
    }

    private static List<string> Columns(FairnessReport report) => [.. (report.Groups[0].Features?.Keys ?? []).Order(StringComparer.Ordinal)];

    private static GroupMetrics ToMetrics(IReadOnlyList<FeatureValue> features, GroupReport group, int minimumGroupSize) => new(
        features,
        group.Count,
        group.Count,
        Given(group.SelectionRate),
        Given(group.TruePositiveRate),
        Given(group.FalsePositiveRate),
        Given(group.FalseNegativeRate),
        Given(group.Accuracy),
        group.Count < minimumGroupSize);

    private static Rate Given(double? value) => new(value, null, null, value is null ? "undefined in the imported evaluation" : null);

    private static Disparity Given(Disparity named, double? value) => value is null
        ? Disparity.Undefined(named.BaseRate, "undefined in the imported evaluation")
        : named with { Value = value, UndefinedReason = null };

    private static IEnumerable<double?> Rates(GroupReport g) => [g.SelectionRate, g.TruePositiveRate, g.FalsePositiveRate, g.FalseNegativeRate, g.Accuracy];

    private static bool OutOfRange(double? value) => value is { } v && (!double.IsFinite(v) || v < 0 || v > 1);
}
