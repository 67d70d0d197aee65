using System.Globalization;
using Sylvan.Data.Csv;

namespace Portal.Domain.Fairness;

/// <summary>
/// Streams a predictions CSV (header row first) into weighted tallies per group, reading each cell as a span
/// so that no row is ever materialised. Every refusal names the column and, for a bad cell, the row
/// (1 = first data row after the header).
/// </summary>
public static class PredictionFileReader
{
    private const int CancellationCheckRows = 65_536;

    public static GroupTallies Read(TextReader text, FairnessMapping mapping, int maxGroups = FairnessCalculator.DefaultMaxGroups,
        CancellationToken cancellationToken = default)
    {
        var problem = mapping.Validate().Values.SelectMany(m => m).FirstOrDefault();
        if (problem is not null)
        {
            throw new PredictionFileException(problem);
        }

        using var csv = Open(text);
        var columns = MappedColumns.Locate(csv, mapping);
        var outcomes = new OutcomeValues(mapping.PositiveValue.Trim(), mapping.NegativeValue?.Trim());
        var index = new GroupIndex(mapping.SensitiveColumns, maxGroups);
        long row = 0;
        while (csv.Read())
        {
            row++;
            if (row % CancellationCheckRows == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            columns.EnsureComplete(csv, row);
            var actual = outcomes.IsPositive(csv.GetFieldSpan(columns.Label), mapping.LabelColumn, row);
            var predicted = outcomes.IsPositive(csv.GetFieldSpan(columns.Prediction), mapping.PredictionColumn, row);
            var weight = columns.Weight is { } w ? ParseWeight(csv.GetFieldSpan(w), mapping.WeightColumn!, row) : 1d;
            var node = 0;
            for (var c = 0; c < columns.Sensitive.Length; c++)
            {
                node = index.Step(node, c, csv.GetFieldSpan(columns.Sensitive[c]), row);
            }

            index.Tally(node, row).Add(actual, predicted, weight);
        }

        if (row == 0)
        {
            throw new PredictionFileException("The file has a header row but no data rows.");
        }

        var groups = index.Groups();
        return new GroupTallies(mapping.SensitiveColumns, ConfusionTally.Sum(groups.Select(g => g.Tally)), groups);
    }

    /// <summary>Opens the CSV the way every fairness read does (comma-separated, header row), for the reader and its benchmark.</summary>
    public static CsvDataReader Open(TextReader text)
    {
        const string empty = "The file is empty: it needs a header row naming its columns, then one row per prediction.";
        CsvDataReader csv;
        try
        {
            csv = CsvDataReader.Create(text, new CsvDataReaderOptions { HasHeaders = true, Delimiter = ',', BufferSize = 1 << 16 });
        }
        catch (CsvMissingHeadersException)
        {
            throw new PredictionFileException(empty);
        }

        if (csv.FieldCount == 0 || (csv.FieldCount == 1 && string.IsNullOrWhiteSpace(csv.GetName(0))))
        {
            csv.Dispose();
            throw new PredictionFileException(empty);
        }

        return csv;
    }

    private static double ParseWeight(ReadOnlySpan<char> cell, string column, long row)
    {
        if (double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var weight) && double.IsFinite(weight) && weight >= 0)
        {
            return weight;
        }

        throw new PredictionFileException($"Row {row}: column '{column}' has '{cell.Trim()}', but a sample weight must be a number of at least 0.", column, row);
    }
}
