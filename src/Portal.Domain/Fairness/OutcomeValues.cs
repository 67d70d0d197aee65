namespace Portal.Domain.Fairness;

/// <summary>
/// Reads a label or prediction cell as positive or negative. Without a configured negative value the first
/// other value seen becomes it; a third value is refused with its row, since the metrics are binary.
/// </summary>
internal sealed class OutcomeValues(string positive, string? negative)
{
    private string? negative = negative;

    public string Positive { get; } = positive;

    public bool IsPositive(ReadOnlySpan<char> cell, string column, long row)
    {
        // The exact cell first: trimming every cell costs more than the comparison itself.
        if (cell.SequenceEqual(Positive))
        {
            return true;
        }

        if (negative is not null && cell.SequenceEqual(negative))
        {
            return false;
        }

        return IsPositiveTrimmed(cell.Trim(), column, row);
    }

    private bool IsPositiveTrimmed(ReadOnlySpan<char> value, string column, long row)
    {
        if (value.SequenceEqual(Positive))
        {
            return true;
        }

        if (negative is null && !value.IsEmpty)
        {
            negative = value.ToString();
            return false;
        }

        if (negative is not null && value.SequenceEqual(negative))
        {
            return false;
        }

        throw new PredictionFileException(
            $"Row {row}: column '{column}' has {Describe(value)}, but it must be '{Positive}' (positive){NegativeWording()}.",
            column,
            row);
    }

    private string NegativeWording() => negative is null ? " or one other value (negative)" : $" or '{negative}' (negative)";

    private static string Describe(ReadOnlySpan<char> value) => value.IsEmpty ? "no value" : $"'{Truncate(value)}'";

    private static string Truncate(ReadOnlySpan<char> value) => value.Length <= 40 ? value.ToString() : $"{value[..40]}…";
}
