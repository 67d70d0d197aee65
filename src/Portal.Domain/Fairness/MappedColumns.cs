using Sylvan.Data.Csv;

namespace Portal.Domain.Fairness;

/// <summary>The ordinals of the mapped columns in a file's header; a column the header lacks is refused by name.</summary>
public sealed record MappedColumns(int Label, int Prediction, int[] Sensitive, int? Weight, int? Score)
{
    public int Required { get; } = new[] { Label, Prediction, Weight ?? 0, Score ?? 0 }.Concat(Sensitive).Max() + 1;

    public static MappedColumns Locate(CsvDataReader csv, FairnessMapping mapping)
    {
        var header = Enumerable.Range(0, csv.FieldCount).Select(csv.GetName).ToList();
        return new MappedColumns(
            Find(header, mapping.LabelColumn, "true label"),
            Find(header, mapping.PredictionColumn, "predicted label"),
            [.. mapping.SensitiveColumns.Select(c => Find(header, c, "sensitive feature"))],
            mapping.WeightColumn is { } weight ? Find(header, weight, "sample weight") : null,
            mapping.ScoreColumn is { } score ? Find(header, score, "score") : null);
    }

    /// <summary>A short row would otherwise read its missing cells as empty; say what is wrong instead.</summary>
    public void EnsureComplete(CsvDataReader csv, long row)
    {
        if (csv.RowFieldCount < Required)
        {
            throw new PredictionFileException($"Row {row} has {csv.RowFieldCount} values, fewer than the header's columns it needs ({Required}).", row: row);
        }
    }

    private static int Find(List<string> header, string column, string role)
    {
        var ordinal = header.FindIndex(h => string.Equals(h.Trim(), column.Trim(), StringComparison.Ordinal));
        if (ordinal < 0)
        {
            throw new PredictionFileException(
                $"The {role} column '{column}' is not in the file. Its columns are: {string.Join(", ", header.Take(50))}.",
                column);
        }

        return ordinal;
    }
}
