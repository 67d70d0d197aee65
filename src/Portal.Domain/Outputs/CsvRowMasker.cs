using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Portal.Domain.Outputs;

/// <summary>
/// Applies a decision to stored CSV rows as bytes, in place: fields are found in the UTF-8 buffer (quotes respected), the row
/// filter compares bytes, masked columns are hashed, redacted, cut to the last four or nulled, and each row is written as
/// CSV or JSON Lines straight into the output buffer. No string is made for an ordinary cell. Each instance keeps its own
/// keyed hasher and scratch space, so that several can mask chunks of the same data on several cores.
/// </summary>
public sealed class CsvRowMasker : IDisposable
{
    private const int HashHexLength = OutputMasking.HashHexLength;
    private static readonly SearchValues<byte> NeedsQuotes = SearchValues.Create(",\"\r\n"u8);
    private static readonly SearchValues<byte> QuoteOrNewLine = SearchValues.Create("\"\n"u8);
    private static readonly byte[] RedactedBytes = Encoding.UTF8.GetBytes(OutputMasking.Redacted);
    private static readonly int RedactedLength = RedactedBytes.Length;

    private readonly CsvMaskingPlan plan;
    private readonly OutputFormat format;
    private readonly OutputMasking.KeyedHasher hasher;
    private readonly int[] fieldStart;
    private readonly int[] fieldLength;
    private readonly bool[] fieldEscaped;
    private readonly Utf8JsonWriter jsonWriter = new(Stream.Null);
    private readonly byte[] lastFour = new byte[RedactedLength + 4];
    private byte[] scratch = new byte[256];

    public CsvRowMasker(CsvMaskingPlan plan, OutputFormat format)
    {
        this.plan = plan;
        this.format = format;
        hasher = plan.Masking.CreateHasher();
        fieldStart = new int[plan.FieldsNeeded];
        fieldLength = new int[plan.FieldsNeeded];
        fieldEscaped = new bool[plan.FieldsNeeded];
    }

    /// <summary>The CSV header line (the schema's names, in schema order); JSON Lines has none.</summary>
    public void WriteHeader(IBufferWriter<byte> output)
    {
        if (format != OutputFormat.Csv)
        {
            return;
        }
        for (var i = 0; i < plan.Columns.Count; i++)
        {
            var name = Encoding.UTF8.GetBytes(plan.Columns[i].Name);
            var span = output.GetSpan((name.Length * 2) + 4);
            var at = 0;
            if (i > 0)
            {
                span[at++] = (byte)',';
            }
            at += WriteCsvField(name, span[at..]);
            output.Advance(at);
        }
        output.Write("\n"u8);
    }

    /// <summary>
    /// Masks the whole rows in <paramref name="rows"/> (each ends with a new line, except perhaps the data's last) into
    /// <paramref name="output"/>, counting into <paramref name="window"/>; rows before its skip or after its take are only counted.
    /// </summary>
    public void MaskRows(ReadOnlySpan<byte> rows, IBufferWriter<byte> output, ref RowWindow window)
    {
        var clean = Utf8.IsValid(rows);
        while (!rows.IsEmpty && !window.IsDone)
        {
            var end = RecordEnd(rows);
            var record = rows[..end];
            rows = end < rows.Length ? rows[(end + 1)..] : [];
            if (record.Length > 0 && record[^1] == (byte)'\r')
            {
                record = record[..^1];
            }
            if (record.TrimEnd((byte)'\r').IsEmpty)
            {
                continue;
            }
            Split(record);
            if (plan.FilterColumn >= 0 && !plan.FilterMatches(Value(record, plan.Ordinals[plan.FilterColumn], clean)))
            {
                continue;
            }
            window.Matched++;
            if (window.Matched <= window.Skip || window.Written >= window.Take)
            {
                continue;
            }
            if (format == OutputFormat.Csv)
            {
                WriteCsvRow(record, clean, output);
            }
            else
            {
                WriteJsonRow(record, clean, output);
            }
            window.Written++;
        }
    }

    public void Dispose()
    {
        hasher.Dispose();
        jsonWriter.Dispose();
    }

    /// <summary>The index of the new line ending the first record (a new line inside quotes does not end it), or the length.</summary>
    public static int RecordEnd(ReadOnlySpan<byte> data)
    {
        var inQuotes = false;
        var at = 0;
        while (true)
        {
            var next = data[at..].IndexOfAny(QuoteOrNewLine);
            if (next < 0)
            {
                return data.Length;
            }
            at += next;
            if (data[at] == (byte)'\n' && !inQuotes)
            {
                return at;
            }
            if (data[at] == (byte)'"')
            {
                inQuotes = !inQuotes;
            }
            at++;
        }
    }

    /// <summary>Finds the fields the plan needs (no further): where each starts, its length, and whether it holds doubled quotes.</summary>
    private void Split(ReadOnlySpan<byte> record)
    {
        var at = 0;
        for (var field = 0; field < fieldStart.Length; field++)
        {
            if (at > record.Length)
            {
                fieldStart[field] = record.Length;
                fieldLength[field] = 0;
                fieldEscaped[field] = false;
                continue;
            }
            var rest = record[at..];
            if (!rest.IsEmpty && rest[0] == (byte)'"')
            {
                var (length, escaped, consumed) = QuotedField(rest);
                fieldStart[field] = at + 1;
                fieldLength[field] = length;
                fieldEscaped[field] = escaped;
                at += consumed + 1;
                continue;
            }
            var comma = rest.IndexOf((byte)',');
            fieldStart[field] = at;
            fieldLength[field] = comma < 0 ? rest.Length : comma;
            fieldEscaped[field] = false;
            at += (comma < 0 ? rest.Length : comma) + 1;
        }
    }

    /// <summary>A quoted field at the start of <paramref name="rest"/>: its inner length, whether it has doubled quotes, and the bytes up to its comma.</summary>
    private static (int Length, bool Escaped, int Consumed) QuotedField(ReadOnlySpan<byte> rest)
    {
        var at = 1;
        var escaped = false;
        while (true)
        {
            var quote = rest[at..].IndexOf((byte)'"');
            if (quote < 0)
            {
                return (rest.Length - 1, escaped, rest.Length);
            }
            at += quote;
            if (at + 1 < rest.Length && rest[at + 1] == (byte)'"')
            {
                escaped = true;
                at += 2;
                continue;
            }
            var length = at - 1;
            var comma = rest[at..].IndexOf((byte)',');
            return (length, escaped, comma < 0 ? rest.Length : at + comma);
        }
    }

    /// <summary>A field's value: unquoted, doubled quotes made single, invalid UTF-8 replaced as a text reader would.</summary>
    private ReadOnlySpan<byte> Value(ReadOnlySpan<byte> record, int field, bool clean)
    {
        if (field < 0 || field >= fieldStart.Length)
        {
            return [];
        }
        var raw = record.Slice(fieldStart[field], fieldLength[field]);
        if (fieldEscaped[field])
        {
            var unescaped = Scratch(raw.Length);
            var length = 0;
            for (var i = 0; i < raw.Length; i++)
            {
                unescaped[length++] = raw[i];
                if (raw[i] == (byte)'"' && i + 1 < raw.Length && raw[i + 1] == (byte)'"')
                {
                    i++;
                }
            }
            raw = unescaped.AsSpan(0, length);
        }
        if (clean || Utf8.IsValid(raw))
        {
            return raw;
        }
        var replaced = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(raw));
        return replaced;
    }

    private byte[] Scratch(int length)
    {
        if (scratch.Length < length)
        {
            scratch = new byte[Math.Max(length, scratch.Length * 2)];
        }
        return scratch;
    }

    private void WriteCsvRow(ReadOnlySpan<byte> record, bool clean, IBufferWriter<byte> output)
    {
        Span<byte> masked = stackalloc byte[HashHexLength];
        // Room for the whole row at once: every value at most doubled by quoting (tripled first where bad UTF-8 is replaced),
        // a hash or a short mask in place of a value, commas and the new line.
        var room = ((clean ? 2 : 6) * record.Length) + (plan.Columns.Count * ((2 * HashHexLength) + 8)) + 1;
        var span = output.GetSpan(room);
        var at = 0;
        for (var i = 0; i < plan.Columns.Count; i++)
        {
            if (i > 0)
            {
                span[at++] = (byte)',';
            }
            var value = Value(record, plan.Ordinals[i], clean);
            if (plan.Masks[i] is not MaskingFunction function)
            {
                at += WriteCsvField(value, span[at..]);
            }
            else if (function != MaskingFunction.Null)
            {
                at += MaskInto(function, value, masked, out var maskedValue) is { } written
                    ? WriteCsvField(masked[..written], span[at..])
                    : WriteCsvField(maskedValue, span[at..]);
            }
        }
        span[at++] = (byte)'\n';
        output.Advance(at);
    }

    private void WriteJsonRow(ReadOnlySpan<byte> record, bool clean, IBufferWriter<byte> output)
    {
        Span<byte> masked = stackalloc byte[HashHexLength];
        jsonWriter.Reset(output);
        jsonWriter.WriteStartObject();
        for (var i = 0; i < plan.Columns.Count; i++)
        {
            jsonWriter.WritePropertyName(plan.Names[i]);
            var value = Value(record, plan.Ordinals[i], clean);
            if (plan.Masks[i] is not MaskingFunction function)
            {
                JsonValue(plan.Columns[i].Type, value);
            }
            else if (function == MaskingFunction.Null)
            {
                jsonWriter.WriteNullValue();
            }
            else
            {
                if (MaskInto(function, value, masked, out var maskedValue) is { } written)
                {
                    jsonWriter.WriteStringValue(masked[..written]);
                }
                else
                {
                    jsonWriter.WriteStringValue(maskedValue);
                }
            }
        }
        jsonWriter.WriteEndObject();
        jsonWriter.Flush();
        output.Write("\n"u8);
    }

    /// <summary>Numbers and booleans as JSON numbers and booleans when their text is one (as <see cref="OutputRowWriter"/> writes them); anything else as a string.</summary>
    private void JsonValue(OutputColumnType type, ReadOnlySpan<byte> text)
    {
        if (text.IsEmpty && type is not OutputColumnType.String)
        {
            jsonWriter.WriteNullValue();
        }
        else if (type == OutputColumnType.Integer && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var integer))
        {
            jsonWriter.WriteNumberValue(integer);
        }
        else if (type == OutputColumnType.Decimal && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            jsonWriter.WriteNumberValue(number);
        }
        else if (type == OutputColumnType.Boolean && bool.TryParse(Encoding.UTF8.GetString(text), out var flag))
        {
            jsonWriter.WriteBooleanValue(flag);
        }
        else
        {
            jsonWriter.WriteStringValue(text);
        }
    }

    /// <summary>
    /// The masked value of a non-null function: the hash's hex digits written into <paramref name="destination"/> (their count
    /// returned), or otherwise null with <paramref name="masked"/> holding the redacted or last-four value.
    /// </summary>
    private int? MaskInto(MaskingFunction function, ReadOnlySpan<byte> value, Span<byte> destination, out ReadOnlySpan<byte> masked)
    {
        masked = RedactedBytes;
        switch (function)
        {
            case MaskingFunction.Hash:
                return hasher.HashHex(value, destination);
            case MaskingFunction.LastFour:
                masked = LastFour(value);
                return null;
            default:
                return null;
        }
    }

    /// <summary>"***" and the last four characters (UTF-16, as <see cref="OutputMasking.Apply"/> counts them) of a value longer than four.</summary>
    private ReadOnlySpan<byte> LastFour(ReadOnlySpan<byte> value)
    {
        if (Ascii.IsValid(value))
        {
            if (value.Length <= 4)
            {
                return RedactedBytes;
            }
            RedactedBytes.CopyTo(lastFour, 0);
            value[^4..].CopyTo(lastFour.AsSpan(RedactedLength));
            return lastFour;
        }
        return Encoding.UTF8.GetBytes(OutputMasking.LastFourOf(Encoding.UTF8.GetString(value)));
    }

    /// <summary>Writes one CSV field, quoted (with doubled quotes) when it holds a comma, a quote or a line break, as <see cref="OutputRowWriter"/> does.</summary>
    private static int WriteCsvField(ReadOnlySpan<byte> value, Span<byte> destination)
    {
        if (value.IndexOfAny(NeedsQuotes) < 0)
        {
            value.CopyTo(destination);
            return value.Length;
        }
        var at = 0;
        destination[at++] = (byte)'"';
        foreach (var b in value)
        {
            destination[at++] = b;
            if (b == (byte)'"')
            {
                destination[at++] = (byte)'"';
            }
        }
        destination[at++] = (byte)'"';
        return at;
    }
}

/// <summary>Which rows of the data a read returns (after the row filter): <see cref="Skip"/> of them passed over, at most <see cref="Take"/> written.</summary>
public struct RowWindow(long skip, long take, bool readToEnd)
{
    public long Skip { get; } = skip;
    public long Take { get; } = take;
    public bool ReadToEnd { get; } = readToEnd;
    public long Matched { get; set; }
    public long Written { get; set; }

    /// <summary>Every row wanted is written and the rest need not be counted.</summary>
    public readonly bool IsDone => !ReadToEnd && Written >= Take;

    public static RowWindow All => new(0, long.MaxValue, readToEnd: true);
}
