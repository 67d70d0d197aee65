using Portal.Domain.Outputs;
using Portal.Web.Features.Shared.Storage;

namespace Portal.Web.Features.Outputs;

/// <summary>Reads an output's stored data masked and filtered as a decision says, the original's checksum checked as it streams.</summary>
public sealed class OutputDataReader([FromKeyedServices(OutputsFeature.StoreName)] IContentStore store, OutputHashKey hashKey)
{
    /// <returns>Rows written, and rows that passed the filter in the part of the data read.</returns>
    public async Task<(long Written, long Matched)> CopyAsync(ModelOutput output, OutputDecision decision, OutputFormat format, Stream destination,
        RowWindow window, CancellationToken cancellationToken)
    {
        await using var data = await store.OpenReadAsync(output.StorageKey!, output.Sha256!, cancellationToken);
        if (output.Format == OutputFormat.Csv)
        {
            return await CopyCsvAsync(output, decision, data, format, destination, window, cancellationToken);
        }
        using var source = await OutputRowSource.OpenAsync(data, output.Format!.Value, output.Columns);
        var writer = OutputRowWriter.For(format, destination, output.Columns);
        return await new OutputRowCopier(output, decision, hashKey.Masking).CopyAsync(source, writer, window.Skip, window.Take, window.ReadToEnd,
            cancellationToken);
    }

    /// <summary>Copies CSV <paramref name="data"/> (the original, or a stored masked copy with its schema header) as <paramref name="decision"/> says.</summary>
    public Task<(long Written, long Matched)> CopyCsvAsync(ModelOutput output, OutputDecision decision, Stream data, OutputFormat format, Stream destination,
        RowWindow window, CancellationToken cancellationToken) =>
        new CsvOutputCopier(CsvOutputCopier.Settings.Default).CopyAsync(data,
            header => CsvMaskingPlan.For(output, decision, hashKey.Masking, header), format, destination, window, cancellationToken);
}
