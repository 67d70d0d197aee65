namespace Portal.Domain.Fairness;

/// <summary>
/// Weighted confusion-matrix counts of one group (or of everyone). The sums of squared weights give
/// Kish's effective sample size for the Wilson intervals; with unit weights it equals the row count.
/// </summary>
public sealed class ConfusionTally
{
    public long Rows { get; private set; }

    public double TruePositive { get; private set; }

    public double FalsePositive { get; private set; }

    public double TrueNegative { get; private set; }

    public double FalseNegative { get; private set; }

    public double PositiveWeightSquares { get; private set; }

    public double NegativeWeightSquares { get; private set; }

    public double Positives => TruePositive + FalseNegative;

    public double Negatives => FalsePositive + TrueNegative;

    public double Total => Positives + Negatives;

    public void Add(bool actual, bool predicted, double weight)
    {
        Rows++;
        if (actual)
        {
            PositiveWeightSquares += weight * weight;
            if (predicted)
            {
                TruePositive += weight;
            }
            else
            {
                FalseNegative += weight;
            }
        }
        else
        {
            NegativeWeightSquares += weight * weight;
            if (predicted)
            {
                FalsePositive += weight;
            }
            else
            {
                TrueNegative += weight;
            }
        }
    }
}
