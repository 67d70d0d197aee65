namespace Portal.Web.Features.Outputs;

/// <summary>Writes everything to the reader's destination and to a second stream (a masked copy being stored).</summary>
internal sealed class TeeStream(Stream destination, Stream copy) : Stream
{
    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        destination.Write(buffer, offset, count);
        copy.Write(buffer, offset, count);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await destination.WriteAsync(buffer, cancellationToken);
        await copy.WriteAsync(buffer, cancellationToken);
    }

    public override void Flush()
    {
        destination.Flush();
        copy.Flush();
    }

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        await destination.FlushAsync(cancellationToken);
        await copy.FlushAsync(cancellationToken);
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
