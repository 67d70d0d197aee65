namespace Portal.Domain.Fairness;

/// <summary>
/// The Wilson score interval (95 %) for a proportion. With sample weights the proportion is the weighted
/// rate and n is Kish's effective sample size (Σw)² / Σw², so heavy weights on few rows do not pretend
/// to be many observations; with unit weights n is the row count and this is the textbook interval.
/// </summary>
public static class WilsonInterval
{
    private const double Z = 1.959963984540054;

    public static (double Lower, double Upper) Of(double proportion, double effectiveSize)
    {
        var z2 = Z * Z;
        var denominator = 1 + (z2 / effectiveSize);
        var centre = (proportion + (z2 / (2 * effectiveSize))) / denominator;
        var spread = proportion * (1 - proportion) / effectiveSize;
        var half = Z * Math.Sqrt(Math.Max(0, spread) + (z2 / (4 * effectiveSize * effectiveSize))) / denominator;
        return (Math.Max(0, centre - half), Math.Min(1, centre + half));
    }

    public static double EffectiveSize(double weightSum, double weightSquares) =>
        weightSquares > 0 ? weightSum * weightSum / weightSquares : 0;
}
