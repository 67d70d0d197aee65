namespace Portal.Domain.Fairness;

/// <summary>A weighted rate with its Wilson interval, or undefined with the reason (e.g. "no positive labels").</summary>
public sealed record Rate(double? Value, double? Lower, double? Upper, string? UndefinedReason)
{
    public static Rate Of(double numerator, double denominator, double weightSquares, string undefinedReason)
    {
        if (denominator <= 0)
        {
            return new Rate(null, null, null, undefinedReason);
        }

        var value = numerator / denominator;
        var (lower, upper) = WilsonInterval.Of(value, WilsonInterval.EffectiveSize(denominator, weightSquares));
        return new Rate(value, lower, upper, null);
    }
}
