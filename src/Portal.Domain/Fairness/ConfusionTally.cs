namespace Portal.Domain.Fairness;

/// <summary>
/// Weighted confusion-matrix counts of one group (or of everyone). The sums of squared weights give
/// Kish's effective sample size for the Wilson intervals; with unit weights it equals the row count.
/// Counts sit in small arrays indexed by outcome so that adding a row does not branch on it.
/// </summary>
public sealed class ConfusionTally
{
    private const int FalseNegativeCell = 2, TruePositiveCell = 3, FalsePositiveCell = 1, TrueNegativeCell = 0;
    private readonly double[] cells = new double[4];
    private readonly double[] squares = new double[2];

    public long Rows { get; private set; }

    public double TruePositive => cells[TruePositiveCell];

    public double FalsePositive => cells[FalsePositiveCell];

    public double TrueNegative => cells[TrueNegativeCell];

    public double FalseNegative => cells[FalseNegativeCell];

    public double PositiveWeightSquares => squares[1];

    public double NegativeWeightSquares => squares[0];

    public double Positives => TruePositive + FalseNegative;

    public double Negatives => FalsePositive + TrueNegative;

    public double Total => Positives + Negatives;

    /// <summary>Everyone's counts, summed from the groups once at the end rather than counted again per row.</summary>
    public static ConfusionTally Sum(IEnumerable<ConfusionTally> tallies)
    {
        var sum = new ConfusionTally();
        foreach (var tally in tallies)
        {
            sum.Rows += tally.Rows;
            for (var i = 0; i < 4; i++)
            {
                sum.cells[i] += tally.cells[i];
            }

            sum.squares[0] += tally.squares[0];
            sum.squares[1] += tally.squares[1];
        }

        return sum;
    }

    public void Add(bool actual, bool predicted, double weight)
    {
        var positive = actual ? 1 : 0;
        Rows++;
        cells[(positive << 1) | (predicted ? 1 : 0)] += weight;
        squares[positive] += weight * weight;
    }
}
