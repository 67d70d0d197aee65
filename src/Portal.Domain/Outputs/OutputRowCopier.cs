namespace Portal.Domain.Outputs;

/// <summary>
/// Applies a decision to rows as they stream from source to writer: the row filter on the stored values, then each
/// masked column's function. Nothing unmasked or filtered out ever reaches the writer.
/// </summary>
public sealed class OutputRowCopier
{
    private readonly OutputDecision decision;
    private readonly OutputMasking masking;
    private readonly MaskingFunction[] functions;
    private readonly bool[] isMasked;
    private readonly string?[] masked;
    private readonly int filterColumn = -1;

    public OutputRowCopier(ModelOutput output, OutputDecision decision, OutputMasking masking)
    {
        if (!decision.Allowed)
        {
            throw new InvalidOperationException("A refused read copies nothing.");
        }
        this.decision = decision;
        this.masking = masking;
        var columns = output.Columns;
        functions = new MaskingFunction[columns.Count];
        isMasked = new bool[columns.Count];
        masked = new string?[columns.Count];
        for (var i = 0; i < columns.Count; i++)
        {
            isMasked[i] = decision.Masks.TryGetValue(columns[i].Name, out functions[i]);
            if (decision.RowFilter is { } filter && columns[i].Name == filter.Column)
            {
                filterColumn = i;
            }
        }
        if (decision.RowFilter is not null && filterColumn < 0)
        {
            throw new InvalidOperationException("The row filter's column is not in the output; the decision should have refused.");
        }
    }

    /// <summary>Copies the rows the decision lets through, skipping <paramref name="skip"/> of them and writing at most <paramref name="take"/>.</summary>
    /// <returns>Rows written, and rows that passed the filter in the part of the data read (all of it when <paramref name="readToEnd"/>).</returns>
    public async Task<(long Written, long Matched)> CopyAsync(OutputRowSource source, OutputRowWriter writer, long skip, long take, bool readToEnd,
        CancellationToken cancellationToken)
    {
        long written = 0, matched = 0;
        writer.WriteHeader();
        while (await source.ReadAsync(cancellationToken))
        {
            if (filterColumn >= 0 && (source.IsNull(filterColumn) || !decision.RowFilter!.Matches(source.Field(filterColumn))))
            {
                continue;
            }
            matched++;
            if (matched <= skip || written >= take)
            {
                if (written >= take && !readToEnd)
                {
                    break;
                }
                continue;
            }
            for (var i = 0; i < functions.Length; i++)
            {
                if (isMasked[i])
                {
                    masked[i] = source.IsNull(i) ? null : masking.Apply(functions[i], source.Field(i));
                }
            }
            writer.WriteRow(masked, source, isMasked);
            written++;
            await writer.FlushIfFullAsync(cancellationToken);
        }
        await writer.FlushAsync(cancellationToken);
        return (written, matched);
    }
}
