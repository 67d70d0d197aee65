using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Portal.Domain.Outputs;

/// <summary>
/// Writes rows as CSV or JSON Lines into a small buffer that is handed to the destination stream (asynchronously) whenever
/// it fills, so a download of any size holds one buffer and one row.
/// </summary>
public abstract class OutputRowWriter(Stream destination)
{
    private const int FlushAt = 1 << 16;

    protected ArrayBufferWriter<byte> Buffer { get; } = new(FlushAt * 2);

    public static OutputRowWriter For(OutputFormat format, Stream destination, IReadOnlyList<OutputColumn> columns) =>
        format == OutputFormat.Csv ? new CsvWriter(destination, columns) : new JsonLinesWriter(destination, columns);

    public static string ContentType(OutputFormat format) => format == OutputFormat.Csv ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8";

    public static string Extension(OutputFormat format) => format == OutputFormat.Csv ? "csv" : "jsonl";

    public abstract void WriteHeader();

    /// <summary>One row: each column's value (null for absent), in schema order.</summary>
    public abstract void WriteRow(ReadOnlySpan<string?> masked, OutputRowSource source, ReadOnlySpan<bool> isMasked);

    public async ValueTask FlushIfFullAsync(CancellationToken cancellationToken)
    {
        if (Buffer.WrittenCount >= FlushAt)
        {
            await FlushAsync(cancellationToken);
        }
    }

    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        await destination.WriteAsync(Buffer.WrittenMemory, cancellationToken);
        Buffer.ResetWrittenCount();
    }

    private sealed class CsvWriter(Stream destination, IReadOnlyList<OutputColumn> columns) : OutputRowWriter(destination)
    {
        private static readonly SearchValues<char> NeedsQuotes = SearchValues.Create(",\"\r\n");

        public override void WriteHeader()
        {
            for (var i = 0; i < columns.Count; i++)
            {
                Field(i, columns[i].Name);
            }
            Text("\n");
        }

        public override void WriteRow(ReadOnlySpan<string?> masked, OutputRowSource source, ReadOnlySpan<bool> isMasked)
        {
            for (var i = 0; i < columns.Count; i++)
            {
                Field(i, isMasked[i] ? masked[i] : source.Field(i));
            }
            Text("\n");
        }

        private void Field(int index, ReadOnlySpan<char> value)
        {
            if (index > 0)
            {
                Text(",");
            }
            if (value.IndexOfAny(NeedsQuotes) < 0)
            {
                Text(value);
                return;
            }
            Text("\"");
            foreach (var part in value.Split('"'))
            {
                if (part.Start.Value > 0)
                {
                    Text("\"\"");
                }
                Text(value[part]);
            }
            Text("\"");
        }

        private void Text(ReadOnlySpan<char> text)
        {
            var span = Buffer.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
            Buffer.Advance(Encoding.UTF8.GetBytes(text, span));
        }
    }

    private sealed class JsonLinesWriter : OutputRowWriter
    {
        private readonly IReadOnlyList<OutputColumn> columns;
        private readonly JsonEncodedText[] names;
        private readonly Utf8JsonWriter json;

        public JsonLinesWriter(Stream destination, IReadOnlyList<OutputColumn> columns)
            : base(destination)
        {
            this.columns = columns;
            names = [.. columns.Select(c => JsonEncodedText.Encode(c.Name))];
            json = new Utf8JsonWriter(Buffer);
        }

        public override void WriteHeader()
        {
        }

        public override void WriteRow(ReadOnlySpan<string?> masked, OutputRowSource source, ReadOnlySpan<bool> isMasked)
        {
            json.Reset(Buffer);
            json.WriteStartObject();
            for (var i = 0; i < columns.Count; i++)
            {
                json.WritePropertyName(names[i]);
                if (isMasked[i])
                {
                    if (masked[i] is { } value)
                    {
                        json.WriteStringValue(value);
                    }
                    else
                    {
                        json.WriteNullValue();
                    }
                }
                else
                {
                    Value(columns[i].Type, source.IsNull(i), source.Field(i));
                }
            }
            json.WriteEndObject();
            json.Flush();
            Buffer.Write("\n"u8);
        }

        /// <summary>Numbers and booleans as JSON numbers and booleans when their text is one; anything else as a string.</summary>
        private void Value(OutputColumnType type, bool isNull, ReadOnlySpan<char> text)
        {
            if (isNull || (text.IsEmpty && type is not OutputColumnType.String))
            {
                json.WriteNullValue();
            }
            else if (type == OutputColumnType.Integer && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var integer))
            {
                json.WriteNumberValue(integer);
            }
            else if (type == OutputColumnType.Decimal && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                json.WriteNumberValue(number);
            }
            else if (type == OutputColumnType.Boolean && bool.TryParse(text, out var flag))
            {
                json.WriteBooleanValue(flag);
            }
            else
            {
                json.WriteStringValue(text);
            }
        }
    }
}
