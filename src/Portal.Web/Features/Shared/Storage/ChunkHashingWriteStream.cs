using System.Security.Cryptography;

namespace Portal.Web.Features.Shared.Storage;

/// <summary>
/// Writes through to a file, hashing each <see cref="ChunkManifest.ChunkBytes"/> chunk of what passes; <see cref="FinishAsync"/>
/// appends the <see cref="ChunkManifest"/>, so content written piece by piece gets its checksums without a second read.
/// </summary>
internal sealed class ChunkHashingWriteStream(Stream inner) : Stream
{
    private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly MemoryStream chunkHashes = new();
    private long length;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => length;

    public override long Position
    {
        get => length;
        set => throw new NotSupportedException();
    }

    /// <summary>Writes the manifest after the data; the data's length and the manifest's lower-case hex SHA-256 (the content's checksum).</summary>
    public async Task<(long Length, string Sha256)> FinishAsync(CancellationToken cancellationToken)
    {
        if (length % ChunkManifest.ChunkBytes != 0)
        {
            chunkHashes.Write(hash.GetHashAndReset());
        }
        var (manifest, sha256) = ChunkManifest.Encode(chunkHashes.GetBuffer().AsSpan(0, (int)chunkHashes.Length), length);
        await inner.WriteAsync(manifest, cancellationToken);
        await inner.FlushAsync(cancellationToken);
        return (length, sha256);
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Observe(buffer);
        inner.Write(buffer);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Observe(buffer.Span);
        return inner.WriteAsync(buffer, cancellationToken);
    }

    /// <summary>Hashes the bytes into the current chunk, closing each chunk's hash as the chunk fills.</summary>
    private void Observe(ReadOnlySpan<byte> bytes)
    {
        while (bytes.Length > 0)
        {
            var room = ChunkManifest.ChunkBytes - (int)(length % ChunkManifest.ChunkBytes);
            var part = bytes[..Math.Min(room, bytes.Length)];
            hash.AppendData(part);
            length += part.Length;
            bytes = bytes[part.Length..];
            if (part.Length == room)
            {
                chunkHashes.Write(hash.GetHashAndReset());
            }
        }
    }

    public override void Flush() => inner.Flush();
    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            hash.Dispose();
            chunkHashes.Dispose();
        }
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync();
        hash.Dispose();
        await chunkHashes.DisposeAsync();
        await base.DisposeAsync();
    }
}
