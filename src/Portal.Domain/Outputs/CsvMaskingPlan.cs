using System.Text;
using System.Text.Json;

namespace Portal.Domain.Outputs;

/// <summary>
/// What <see cref="CsvRowMasker"/> needs to know once per read: for each schema column its field in the stored CSV (from
/// the header), its masking function, and the row filter's column and values as UTF-8 bytes.
/// </summary>
public sealed class CsvMaskingPlan
{
    private readonly byte[][] filterValues;

    private CsvMaskingPlan(IReadOnlyList<OutputColumn> columns, int[] ordinals, MaskingFunction?[] masks, int filterColumn, byte[][] filterValues,
        OutputMasking masking)
    {
        Columns = columns;
        Ordinals = ordinals;
        Masks = masks;
        FilterColumn = filterColumn;
        this.filterValues = filterValues;
        Masking = masking;
        Names = [.. columns.Select(c => JsonEncodedText.Encode(c.Name))];
        FieldsNeeded = ordinals.Max() + 1;
    }

    public IReadOnlyList<OutputColumn> Columns { get; }

    /// <summary>For each schema column, the index of its field in a stored row.</summary>
    public int[] Ordinals { get; }

    public MaskingFunction?[] Masks { get; }

    /// <summary>The schema index of the row filter's column, or -1 without a filter.</summary>
    public int FilterColumn { get; }

    public OutputMasking Masking { get; }

    public JsonEncodedText[] Names { get; }

    /// <summary>How many leading fields of a row are read: the rest of the row is never split.</summary>
    public int FieldsNeeded { get; }

    /// <summary>The plan for reading <paramref name="output"/> as <paramref name="decision"/> allows, given the stored header record.</summary>
    public static CsvMaskingPlan For(ModelOutput output, OutputDecision decision, OutputMasking masking, ReadOnlySpan<byte> header)
    {
        if (!decision.Allowed)
        {
            throw new InvalidOperationException("A refused read copies nothing.");
        }
        var names = OutputDataChecker.SplitHeader(Encoding.UTF8.GetString(header).TrimEnd('\r'));
        var columns = output.Columns;
        var ordinals = new int[columns.Count];
        var masks = new MaskingFunction?[columns.Count];
        var filterColumn = -1;
        for (var i = 0; i < columns.Count; i++)
        {
            ordinals[i] = IndexOf(names, columns[i].Name);
            if (ordinals[i] < 0)
            {
                throw new OutputDataException($"The stored CSV has no column '{columns[i].Name}'.");
            }
            masks[i] = decision.Masks.TryGetValue(columns[i].Name, out var function) ? function : null;
            if (decision.RowFilter is { } filter && columns[i].Name == filter.Column)
            {
                filterColumn = i;
            }
        }
        if (decision.RowFilter is not null && filterColumn < 0)
        {
            throw new InvalidOperationException("The row filter's column is not in the output; the decision should have refused.");
        }
        byte[][] values = decision.RowFilter is { } rows ? [.. rows.Values.Select(Encoding.UTF8.GetBytes)] : [];
        return new CsvMaskingPlan(columns, ordinals, masks, filterColumn, values, masking);
    }

    /// <summary>Whether a row's value of the filter column is one of the grant's values (compared exactly).</summary>
    public bool FilterMatches(ReadOnlySpan<byte> value)
    {
        foreach (var allowed in filterValues)
        {
            if (value.SequenceEqual(allowed))
            {
                return true;
            }
        }
        return false;
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i] == name)
            {
                return i;
            }
        }
        return -1;
    }
}
