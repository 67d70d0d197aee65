using System.Security.Cryptography;
using System.Text;

namespace Portal.Domain.Outputs;

/// <summary>
/// Names everything that decides the bytes of a masked read: the original's checksum, every column with its masking
/// function (or none), the row filter, the hash key's id with the masks' format version and the copies' layout, and the format.
/// Two reads share a stored copy only when all agree.
/// </summary>
/// <param name="HashKeyId">
/// The hash key's id, <see cref="OutputMasking.FormatVersion"/> and <see cref="MaskedOutputCopy.LayoutVersion"/>: a copy made
/// under another key, masks' format or layout is unreachable.
/// </param>
public sealed record MaskingPlanFingerprint(string Value, OutputFormat Format, string HashKeyId, bool Filtered)
{
    /// <summary>The plan of an allowed <paramref name="decision"/>'s read, with its row filter.</summary>
    public static MaskingPlanFingerprint Of(ModelOutput output, OutputDecision decision, string hashKeyId, OutputFormat format) =>
        Of(output, decision.Masks, decision.RowFilter, hashKeyId, format);

    /// <summary>
    /// The unfiltered plan whose copy can serve <paramref name="decision"/>'s row filter while streaming: only for CSV (whose
    /// rows are filtered in place), only when the filtered column is not masked (a masked copy no longer holds its values).
    /// </summary>
    public static MaskingPlanFingerprint? UnfilteredFor(ModelOutput output, OutputDecision decision, string hashKeyId, OutputFormat format) =>
        decision.RowFilter is { } filter && format == OutputFormat.Csv && !decision.Masks.ContainsKey(filter.Column)
            ? Of(output, decision.Masks, null, hashKeyId, format)
            : null;

    /// <summary>The plan an ordinary reader gets: every tagged column masked as the policy says, all rows.</summary>
    public static IReadOnlyDictionary<string, MaskingFunction> DefaultMasks(OutputPolicy policy, ModelOutput output)
    {
        var masks = new Dictionary<string, MaskingFunction>(StringComparer.Ordinal);
        foreach (var column in output.Columns)
        {
            if (policy.MaskFor(column.Tags, _ => false) is { } function)
            {
                masks[column.Name] = function;
            }
        }
        return masks;
    }

    public static MaskingPlanFingerprint Of(ModelOutput output, IReadOnlyDictionary<string, MaskingFunction> masks, RowFilter? filter, string hashKeyId,
        OutputFormat format)
    {
        var maskedUnder = $"{hashKeyId}:masks-v{OutputMasking.FormatVersion}:copies-v{MaskedOutputCopy.LayoutVersion}";
        var text = new StringBuilder();
        Field(text, output.Sha256 ?? throw new InvalidOperationException("Only stored outputs have masked copies."));
        Field(text, format.ToString());
        Field(text, maskedUnder);
        foreach (var column in output.Columns)
        {
            Field(text, column.Name);
            Field(text, masks.TryGetValue(column.Name, out var function) ? function.ToString() : "-");
        }
        if (filter is not null)
        {
            Field(text, "filter");
            Field(text, filter.Column);
            foreach (var value in filter.Values.Order(StringComparer.Ordinal))
            {
                Field(text, value);
            }
        }
        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
        return new MaskingPlanFingerprint(digest, format, maskedUnder, filter is not null);
    }

    // Each field carries its length, so no choice of names or values can make two different plans spell the same text.
    private static void Field(StringBuilder text, string value) =>
        text.Append(value.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(':').Append(value).Append(';');
}
