namespace Portal.Domain.Fairness;

/// <summary>
/// A predictions file that cannot be evaluated, with what a user needs to fix it: the column and,
/// where one row is at fault, its row number (1 = first data row after the header).
/// </summary>
public sealed class PredictionFileException(string message, string? column = null, long? row = null)
    : Exception(message)
{
    public string? Column { get; } = column;

    public long? Row { get; } = row;
}
