using System.Security.Cryptography;
using Portal.Web.Features.Shared.Storage;

namespace Portal.Web.Features.Documents;

/// <summary>
/// An upload held in a temporary file (deleted when disposed) while its content is checked, so that a refused file never
/// reaches the document store. Copied in chunks, refused past the limit, hashed on the way for the audit of a refusal.
/// </summary>
internal sealed class UploadBuffer : IAsyncDisposable
{
    private UploadBuffer(FileStream file, long length, string sha256)
    {
        File = file;
        Length = length;
        Sha256 = sha256;
    }

    public FileStream File { get; }

    public long Length { get; }

    public string Sha256 { get; }

    public static async Task<UploadBuffer> ReceiveAsync(Stream content, long maxBytes, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), $"portal-document-{Guid.NewGuid():N}.upload");
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81_920, FileOptions.DeleteOnClose);
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[81_920];
            long length = 0;
            int read;
            while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
            {
                length += read;
                if (length > maxBytes)
                {
                    throw new ContentTooLargeException(maxBytes);
                }
                hash.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
            await file.FlushAsync(cancellationToken);
            return new UploadBuffer(file, length, Convert.ToHexStringLower(hash.GetHashAndReset()));
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => File.DisposeAsync();
}
