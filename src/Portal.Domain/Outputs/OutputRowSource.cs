using System.Text;
using System.Text.Json;
using Sylvan.Data.Csv;

namespace Portal.Domain.Outputs;

/// <summary>
/// Reads stored output data one row at a time (never the whole file), giving each declared column's value by its index in
/// the schema, whatever the order in the file.
/// </summary>
public abstract class OutputRowSource : IDisposable
{
    protected const int BufferSize = 1 << 16;

    public static async Task<OutputRowSource> OpenAsync(Stream data, OutputFormat format, IReadOnlyList<OutputColumn> columns)
    {
        var text = new StreamReader(data, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, BufferSize);
        return format == OutputFormat.Csv ? await CsvRowSource.OpenAsync(text, columns) : new JsonLinesRowSource(text, columns);
    }

    public abstract ValueTask<bool> ReadAsync(CancellationToken cancellationToken);

    public abstract ReadOnlySpan<char> Field(int column);

    /// <summary>Whether the value is absent (a JSON null or missing field); CSV has no nulls, only empty fields.</summary>
    public abstract bool IsNull(int column);

    public abstract void Dispose();

    private sealed class CsvRowSource : OutputRowSource
    {
        private readonly CsvDataReader csv;
        private readonly int[] ordinals;

        private CsvRowSource(CsvDataReader csv, int[] ordinals)
        {
            this.csv = csv;
            this.ordinals = ordinals;
        }

        public static async Task<OutputRowSource> OpenAsync(TextReader text, IReadOnlyList<OutputColumn> columns)
        {
            var csv = await CsvDataReader.CreateAsync(text, new CsvDataReaderOptions { HasHeaders = true, Delimiter = ',', BufferSize = BufferSize });
            var ordinals = new int[columns.Count];
            for (var i = 0; i < columns.Count; i++)
            {
                ordinals[i] = Enumerable.Range(0, csv.FieldCount).FirstOrDefault(f => csv.GetName(f) == columns[i].Name, -1);
                if (ordinals[i] < 0)
                {
                    csv.Dispose();
                    throw new OutputDataException($"The stored CSV has no column '{columns[i].Name}'.");
                }
            }
            return new CsvRowSource(csv, ordinals);
        }

        public override async ValueTask<bool> ReadAsync(CancellationToken cancellationToken) => await csv.ReadAsync(cancellationToken);

        public override ReadOnlySpan<char> Field(int column) => ordinals[column] < csv.RowFieldCount ? csv.GetFieldSpan(ordinals[column]) : [];

        public override bool IsNull(int column) => false;

        public override void Dispose() => csv.Dispose();
    }

    private sealed class JsonLinesRowSource(TextReader text, IReadOnlyList<OutputColumn> columns) : OutputRowSource
    {
        private readonly Dictionary<string, int> index = columns.Select((c, i) => (c.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
        private readonly string?[] values = new string?[columns.Count];

        public override async ValueTask<bool> ReadAsync(CancellationToken cancellationToken)
        {
            string? line;
            do
            {
                line = await text.ReadLineAsync(cancellationToken);
                if (line is null)
                {
                    return false;
                }
            }
            while (string.IsNullOrWhiteSpace(line));
            Array.Clear(values);
            using var document = JsonDocument.Parse(line);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (index.TryGetValue(property.Name, out var column))
                {
                    values[column] = property.Value.ValueKind switch
                    {
                        JsonValueKind.Null => null,
                        JsonValueKind.String => property.Value.GetString(),
                        _ => property.Value.GetRawText(),
                    };
                }
            }
            return true;
        }

        public override ReadOnlySpan<char> Field(int column) => values[column];

        public override bool IsNull(int column) => values[column] is null;

        public override void Dispose() => text.Dispose();
    }
}
