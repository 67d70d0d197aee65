using System.Buffers;

namespace Portal.Web.Features.Shared.Evidence;

/// <summary>
/// Sits between the ZIP archive and the response: accepts the few synchronous writes <see cref="System.IO.Compression"/> still
/// makes (a deflate stream's last block when an entry closes) into a buffer, and drains the buffer to the response
/// asynchronously on the next asynchronous write or flush, since the response refuses synchronous IO. Memory stays at about
/// <see cref="DrainThreshold"/> plus one entry's closing block.
/// </summary>
public sealed class DrainingStream(Stream destination) : Stream
{
    public const int DrainThreshold = 64 * 1024;
    private readonly ArrayBufferWriter<byte> buffer = new(DrainThreshold * 2);
    private long written;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => written; set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> source)
    {
        buffer.Write(source);
        written += source.Length;
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default)
    {
        Write(source.Span);
        if (buffer.WrittenCount >= DrainThreshold)
        {
            await FlushAsync(cancellationToken);
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (buffer.WrittenCount > 0)
        {
            await destination.WriteAsync(buffer.WrittenMemory, cancellationToken);
            buffer.ResetWrittenCount();
        }
        await destination.FlushAsync(cancellationToken);
    }

    /// <summary>Synchronous flushes are kept for the next asynchronous one.</summary>
    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
