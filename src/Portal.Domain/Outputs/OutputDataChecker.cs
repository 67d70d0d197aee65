using System.Text;
using System.Text.Json;

namespace Portal.Domain.Outputs;

/// <summary>
/// Checks uploaded data against the declared schema as its bytes pass by, without keeping more than one record: a CSV header
/// must name exactly the declared columns (in any order), each JSON Lines record must be an object whose fields are declared
/// columns. Counts the data rows. Throws <see cref="OutputDataException"/> at the first problem.
/// </summary>
public sealed class OutputDataChecker(OutputFormat format, IReadOnlyList<OutputColumn> columns)
{
    /// <summary>A CSV header or a JSON Lines record longer than this is refused rather than buffered.</summary>
    public const int MaxRecordBytes = 1 << 20;

    private readonly HashSet<string> declared = columns.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
    private readonly List<byte> record = [];
    private bool headerSeen;
    private bool inQuotes;
    private bool recordHasContent;
    private bool atStart = true;

    public long Rows { get; private set; }

    public void Observe(ReadOnlySpan<byte> bytes)
    {
        if (atStart && bytes.Length > 0)
        {
            atStart = false;
            if (bytes.StartsWith("\uFEFF"u8))
            {
                bytes = bytes[3..];
            }
        }
        foreach (var b in bytes)
        {
            if (format == OutputFormat.Csv)
            {
                ObserveCsv(b);
            }
            else
            {
                ObserveJsonLine(b);
            }
        }
    }

    /// <summary>Ends the data: checks the last record and that there was a header; returns the data rows.</summary>
    public long Complete()
    {
        if (format == OutputFormat.Csv)
        {
            if (inQuotes)
            {
                throw new OutputDataException($"The CSV ends inside a quoted field (row {Rows + 1}).");
            }
            EndCsvRecord();
            if (!headerSeen)
            {
                throw new OutputDataException("The CSV has no header row; its first row must name the declared columns.");
            }
        }
        else
        {
            EndJsonLine();
        }
        return Rows;
    }

    private void ObserveCsv(byte b)
    {
        if (b == (byte)'"')
        {
            inQuotes = !inQuotes;
        }
        if (b == (byte)'\n' && !inQuotes)
        {
            EndCsvRecord();
            return;
        }
        if (b != (byte)'\r' || inQuotes)
        {
            recordHasContent = true;
        }
        if (!headerSeen)
        {
            Keep(b, "header row");
        }
    }

    private void EndCsvRecord()
    {
        if (!recordHasContent)
        {
            return;
        }
        recordHasContent = false;
        if (headerSeen)
        {
            Rows++;
            return;
        }
        headerSeen = true;
        var names = SplitHeader(Encoding.UTF8.GetString([.. record]).TrimEnd('\r'));
        record.Clear();
        Compare(names, "The CSV header");
    }

    private void ObserveJsonLine(byte b)
    {
        if (b == (byte)'\n')
        {
            EndJsonLine();
            return;
        }
        Keep(b, $"record on line {Rows + 1}");
    }

    private void EndJsonLine()
    {
        var line = record.ToArray();
        record.Clear();
        if (line.AsSpan().Trim(" \t\r"u8).Length == 0)
        {
            return;
        }
        Rows++;
        var fields = new List<string>();
        try
        {
            var reader = new Utf8JsonReader(line);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new OutputDataException($"Line {Rows} is not a JSON object.");
            }
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                fields.Add(reader.GetString()!);
                reader.Read();
                reader.Skip();
            }
            if (reader.Read())
            {
                throw new OutputDataException($"Line {Rows} has more than one JSON value.");
            }
        }
        catch (JsonException problem)
        {
            throw new OutputDataException($"Line {Rows} is not valid JSON: {problem.Message}");
        }
        var undeclared = fields.FirstOrDefault(f => !declared.Contains(f));
        if (undeclared is not null)
        {
            throw new OutputDataException($"Line {Rows} has the field '{undeclared}', which is not a declared column; declare every column (with its tags) so that it is governed.");
        }
    }

    private void Keep(byte b, string what)
    {
        if (record.Count >= MaxRecordBytes)
        {
            throw new OutputDataException($"The {what} is longer than {MaxRecordBytes:N0} bytes.");
        }
        record.Add(b);
    }

    private void Compare(IReadOnlyList<string> names, string what)
    {
        var undeclared = names.Where(n => !declared.Contains(n)).ToList();
        var missing = declared.Where(d => !names.Contains(d, StringComparer.Ordinal)).ToList();
        var duplicate = names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1)?.Key;
        if (undeclared.Count > 0 || missing.Count > 0 || duplicate is not null)
        {
            var parts = new List<string>();
            if (undeclared.Count > 0)
            {
                parts.Add($"undeclared column(s) {string.Join(", ", undeclared)}");
            }
            if (missing.Count > 0)
            {
                parts.Add($"missing declared column(s) {string.Join(", ", missing)}");
            }
            if (duplicate is not null)
            {
                parts.Add($"the column {duplicate} twice");
            }
            throw new OutputDataException($"{what} does not match the declared schema: it has {string.Join("; ", parts)}.");
        }
    }

    /// <summary>The header's names, unquoted: commas inside quotes do not split, a doubled quote is one quote.</summary>
    public static IReadOnlyList<string> SplitHeader(string header)
    {
        var names = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < header.Length; i++)
        {
            var c = header[i];
            if (c == '"')
            {
                if (quoted && i + 1 < header.Length && header[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else
                {
                    quoted = !quoted;
                }
            }
            else if (c == ',' && !quoted)
            {
                names.Add(current.ToString().Trim());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }
        names.Add(current.ToString().Trim());
        return names;
    }
}
