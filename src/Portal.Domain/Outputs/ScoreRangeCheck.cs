using System.Globalization;

namespace Portal.Domain.Outputs;

/// <summary>
/// Counts the values of an output's score column that fall outside its expected range while the rows stream by, keeping
/// only the count and the first example. Feed it each data row's score value in order (<see cref="Observe"/>); empty values
/// are skipped, a value that is not a number counts as out of range.
/// </summary>
public sealed class ScoreRangeCheck(ScoreRange range)
{
    private long row;
    private long outside;
    private string? example;

    public ScoreRange Range { get; } = range;

    /// <summary>The score column's position among <paramref name="columns"/> (the schema's order), or -1.</summary>
    public int ColumnIndexIn(IReadOnlyList<OutputColumn> columns)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            if (string.Equals(columns[i].Name, Range.Column, StringComparison.Ordinal))
            {
                return i;
            }
        }
        return -1;
    }

    public void Observe(ReadOnlySpan<char> value)
    {
        row++;
        value = value.Trim();
        if (value.IsEmpty)
        {
            return;
        }
        var isNumber = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var score) && double.IsFinite(score);
        if (isNumber && score >= Range.Minimum && score <= Range.Maximum)
        {
            return;
        }
        outside++;
        // Only the row number and the score: the flag is read by everyone who reads the model, the row's other columns may be personal data.
        example ??= $"row {row}: {Range.Column} = {Shorten(value)}";
    }

    public ScoreRangeFinding Result() => new(outside, example);

    /// <summary>Reads every row of <paramref name="source"/> (one at a time) and returns what it found in the score column.</summary>
    public async Task<ScoreRangeFinding> CheckAsync(OutputRowSource source, IReadOnlyList<OutputColumn> columns, CancellationToken cancellationToken)
    {
        var column = ColumnIndexIn(columns);
        while (column >= 0 && await source.ReadAsync(cancellationToken))
        {
            Observe(source.IsNull(column) ? [] : source.Field(column));
        }
        return Result();
    }

    private static string Shorten(ReadOnlySpan<char> value) => value.Length <= 40 ? value.ToString() : $"{value[..39]}…";
}

/// <summary>How many score values fell outside the expected range and the first one ("row 17: score = 1.37"); null example when none.</summary>
public sealed record ScoreRangeFinding(long OutOfRange, string? Example)
{
    public const int ExampleMaxLength = 200;
}
