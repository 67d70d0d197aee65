using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;

namespace Portal.Web.Features.Shared.Storage;

/// <summary>Content in files under one folder, named by a random key; written to a temporary file first so that a refused or broken upload leaves nothing.</summary>
public sealed class LocalFolderContentStore(string root) : IContentStore
{
    private const int BufferSize = 81_920;

    public string Root { get; } = Path.GetFullPath(root);

    public async Task<StoredContent> SaveAsync(Stream content, long maxBytes, CancellationToken cancellationToken)
    {
        var key = Guid.NewGuid().ToString("N");
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".part";
        try
        {
            var (length, sha256) = await CopyHashedAsync(content, temporary, maxBytes, cancellationToken);
            File.Move(temporary, path);
            return new StoredContent(key, length, sha256);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public IContentWriter BeginChunkedSave()
    {
        var key = Guid.NewGuid().ToString("N");
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return new LocalContentWriter(key, path);
    }

    public Task<Stream> OpenReadAsync(string key, string expectedSha256, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        if (!File.Exists(path))
        {
            throw new ContentIntegrityException($"The stored file {key} is missing.");
        }
        Stream file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);
        return Task.FromResult<Stream>(new VerifyingReadStream(file, expectedSha256, key));
    }

    public Task<Stream> OpenChunkedReadAsync(string key, string expectedSha256, CancellationToken cancellationToken)
    {
        SafeFileHandle file;
        try
        {
            file = File.OpenHandle(PathOf(key), FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        }
        catch (Exception missing) when (missing is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ContentIntegrityException($"The stored file {key} is missing.");
        }
        try
        {
            return Task.FromResult<Stream>(new VerifiedChunkReadStream(file, ChunkManifest.Read(file, expectedSha256, key), key));
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    public async Task<bool> VerifyAsync(string key, string expectedSha256, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await OpenReadAsync(key, expectedSha256, cancellationToken);
            await stream.CopyToAsync(Stream.Null, cancellationToken);
            return true;
        }
        catch (ContentIntegrityException)
        {
            return false;
        }
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        File.Delete(PathOf(key));
        return Task.CompletedTask;
    }

    /// <summary>Keys are ours (32 hex digits); anything else, such as a path, is refused so that no key reaches outside the folder.</summary>
    private string PathOf(string key)
    {
        if (key.Length != 32 || !key.All(char.IsAsciiHexDigitLower))
        {
            throw new ContentIntegrityException($"'{key}' is not a key of this store.");
        }
        return Path.Combine(Root, key[..2], key);
    }

    /// <summary>Writes to "{key}.part" through a chunk-hashing stream; the commit appends the manifest and moves the file into place, disposing uncommitted deletes it.</summary>
    private sealed class LocalContentWriter(string key, string path) : IContentWriter
    {
        private readonly ChunkHashingWriteStream content = new(new FileStream(path + ".part", FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize,
            FileOptions.Asynchronous));

        public Stream Content => content;

        public async Task<StoredContent> CommitAsync(CancellationToken cancellationToken)
        {
            var (length, sha256) = await content.FinishAsync(cancellationToken);
            await content.DisposeAsync();
            File.Move(path + ".part", path);
            return new StoredContent(key, length, sha256);
        }

        public async ValueTask DisposeAsync()
        {
            await content.DisposeAsync();
            File.Delete(path + ".part");
        }
    }

    private static async Task<(long Length, string Sha256)> CopyHashedAsync(Stream content, string path, long maxBytes, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, FileOptions.Asynchronous);
        var buffer = new byte[BufferSize];
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
        return (length, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }
}
