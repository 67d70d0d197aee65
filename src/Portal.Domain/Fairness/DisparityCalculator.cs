namespace Portal.Domain.Fairness;

/// <summary>
/// Disparities as Fairlearn defines them with the default <c>between_groups</c> method: a difference is the
/// largest group rate minus the smallest, a ratio the smallest divided by the largest; equalized odds takes
/// the worse of the true and false positive rate disparities (larger difference, smaller ratio).
/// Deliberate choice where Fairlearn would silently skip a NaN group: if any group's rate is undefined
/// (e.g. a group with no positive labels has no true positive rate), the disparity is undefined and says
/// which group, because a group that cannot be measured cannot be shown to be treated equally.
/// </summary>
public static class DisparityCalculator
{
    private const string Selection = "selection rate";
    private const string TruePositive = "true positive rate";
    private const string FalsePositive = "false positive rate";

    public static FairnessDisparities Between(IReadOnlyList<GroupMetrics> groups)
    {
        var tprDifference = Difference(groups, TruePositive, g => g.TruePositiveRate);
        var tprRatio = Ratio(groups, TruePositive, g => g.TruePositiveRate);
        var fprDifference = Difference(groups, FalsePositive, g => g.FalsePositiveRate);
        var fprRatio = Ratio(groups, FalsePositive, g => g.FalsePositiveRate);
        return new FairnessDisparities(
            Difference(groups, Selection, g => g.SelectionRate),
            Ratio(groups, Selection, g => g.SelectionRate),
            Worse(tprDifference, fprDifference, larger: true),
            Worse(tprRatio, fprRatio, larger: false),
            tprDifference,
            tprRatio);
    }

    private static Disparity Difference(IReadOnlyList<GroupMetrics> groups, string baseRate, Func<GroupMetrics, Rate> rate) =>
        Extremes(groups, baseRate, rate, (low, high) => high.Value - low.Value, out var undefined) ?? undefined!;

    private static Disparity Ratio(IReadOnlyList<GroupMetrics> groups, string baseRate, Func<GroupMetrics, Rate> rate)
    {
        var extremes = Extremes(groups, baseRate, rate, (low, high) => high.Value == 0 ? double.NaN : low.Value / high.Value, out var undefined);
        if (extremes is null)
        {
            return undefined!;
        }

        return double.IsNaN(extremes.Value!.Value)
            ? Disparity.Undefined(baseRate, $"every group's {baseRate} is 0, so the ratio is 0/0")
            : extremes;
    }

    private static Disparity? Extremes(
        IReadOnlyList<GroupMetrics> groups,
        string baseRate,
        Func<GroupMetrics, Rate> rate,
        Func<(string Name, double Value), (string Name, double Value), double> combine,
        out Disparity? undefined)
    {
        undefined = null;
        if (groups.Count == 0)
        {
            undefined = Disparity.Undefined(baseRate, "there are no groups");
            return null;
        }

        var missing = groups.FirstOrDefault(g => rate(g).Value is null);
        if (missing is not null)
        {
            undefined = Disparity.Undefined(baseRate, $"the {baseRate} of {missing.Name} is undefined ({rate(missing).UndefinedReason})");
            return null;
        }

        // Ties keep the first group in the (sorted) group order, so the wording is stable.
        var low = groups.MinBy(g => rate(g).Value!.Value)!;
        var high = groups.MaxBy(g => rate(g).Value!.Value)!;
        var lowest = (low.Name, rate(low).Value!.Value);
        var highest = (high.Name, rate(high).Value!.Value);
        return new Disparity(combine(lowest, highest), null, baseRate, lowest.Name, lowest.Item2, highest.Name, highest.Item2);
    }

    private static Disparity Worse(Disparity tpr, Disparity fpr, bool larger)
    {
        if (tpr.Value is null)
        {
            return tpr;
        }

        if (fpr.Value is null)
        {
            return fpr;
        }

        // On a tie Fairlearn's max/min does not say which; the true positive rate is reported.
        var tprIsWorse = larger ? tpr.Value >= fpr.Value : tpr.Value <= fpr.Value;
        return tprIsWorse ? tpr : fpr;
    }
}
