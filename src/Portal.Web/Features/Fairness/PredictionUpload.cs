using System.Text;
using Portal.Domain.Fairness;
using Portal.Web.Features.Shared;

namespace Portal.Web.Features.Fairness;

/// <summary>
/// An uploaded predictions file kept in a temporary file while it is mapped and computed: the upload is
/// copied in chunks (memory stays flat whatever its size) and refused past the configured limit.
/// </summary>
public sealed class PredictionUpload : IDisposable
{
    private PredictionUpload(string path, string fileName, long bytes)
    {
        Path = path;
        FileName = fileName;
        Bytes = bytes;
    }

    public string Path { get; }

    public string FileName { get; }

    public long Bytes { get; }

    /// <summary>The name kept with the evaluation: the file's own name, without any folder.</summary>
    public static string NameOf(string? fileName) => System.IO.Path.GetFileName(fileName ?? "predictions.csv");

    public static async Task<PredictionUpload> SaveAsync(Stream content, string? fileName, long maxBytes, CancellationToken cancellationToken)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"portal-predictions-{Guid.NewGuid():N}.csv");
        try
        {
            await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
            var buffer = new byte[1 << 16];
            long total = 0;
            int read;
            while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
            {
                total += read;
                if (total > maxBytes)
                {
                    throw InputRejectedException.For("file", $"The file is larger than the limit of {maxBytes / (1024 * 1024):N0} MB.");
                }

                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }

            return new PredictionUpload(path, NameOf(fileName), total);
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    /// <summary>The header row's column names, for the mapping step.</summary>
    public IReadOnlyList<string> Columns()
    {
        using var reader = Open();
        try
        {
            using var csv = PredictionFileReader.Open(reader);
            return [.. Enumerable.Range(0, csv.FieldCount).Select(csv.GetName)];
        }
        catch (PredictionFileException refused)
        {
            throw InputRejectedException.For("file", refused.Message);
        }
    }

    public StreamReader Open() =>
        new(Path, Encoding.UTF8, true, new FileStreamOptions { BufferSize = 1 << 16, Options = FileOptions.SequentialScan });

    public void Dispose() => File.Delete(Path);
}
