using Portal.Web.Features.Shared.Evidence;

namespace Portal.Web.Features.Evidence.Parts;

/// <summary>Writes a JSON array of records as they stream from the database, flushing between records.</summary>
public static class EvidenceRows
{
    /// <summary>Writes the records and answers how many there were.</summary>
    public static async Task<int> WriteArrayAsync<T>(EvidencePackageWriter package, string path, IAsyncEnumerable<T> rows, CancellationToken cancellationToken,
        bool indented = true)
    {
        var count = 0;
        await package.WriteJsonAsync(path, async file =>
        {
            file.Writer.WriteStartArray();
            await foreach (var row in rows.WithCancellation(cancellationToken))
            {
                file.Write(row);
                count++;
                await file.FlushIfFullAsync();
            }
            file.Writer.WriteEndArray();
        }, cancellationToken, indented);
        return count;
    }
}
