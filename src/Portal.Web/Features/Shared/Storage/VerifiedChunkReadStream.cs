using System.Buffers;
using Microsoft.Win32.SafeHandles;

namespace Portal.Web.Features.Shared.Storage;

/// <summary>
/// Reads content stored with a <see cref="ChunkManifest"/> (already checked against the recorded checksum): the next chunks are
/// read and hashed ahead on worker threads, so hashing runs on other cores while the caller writes the previous chunk out, and
/// a chunk's bytes are handed out only once that chunk has matched its hash. A chunk that does not (or is cut short) throws
/// <see cref="ContentIntegrityException"/> where it would begin. Memory is <see cref="ReadAhead"/> + 1 pooled chunks, whatever the size.
/// </summary>
internal sealed class VerifiedChunkReadStream(SafeFileHandle file, ChunkManifest manifest, string key) : ForwardReadStream
{
    /// <summary>Chunks read and verified ahead: enough to keep both cores of a small server hashing while one chunk is written.</summary>
    private const int ReadAhead = 3;

    private readonly Queue<Task<byte[]>> ahead = new();
    private int scheduled;
    private byte[]? current;
    private int position;
    private int length;

    public override long Length => manifest.DataLength;

    public override int Read(Span<byte> buffer)
    {
        if (position == length && !NextAsync().AsTask().GetAwaiter().GetResult())
        {
            return 0;
        }
        return Take(buffer);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (position == length && !await NextAsync())
        {
            return 0;
        }
        return Take(buffer.Span);
    }

    /// <summary>Writes each verified chunk out whole, with no copy in between.</summary>
    public override async Task CopyToAsync(Stream destination, int bufferSize, CancellationToken cancellationToken)
    {
        do
        {
            if (position < length)
            {
                await destination.WriteAsync(current.AsMemory(position, length - position), cancellationToken);
                position = length;
            }
        }
        while (await NextAsync());
    }

    private int Take(Span<byte> buffer)
    {
        var count = Math.Min(buffer.Length, length - position);
        current.AsSpan(position, count).CopyTo(buffer);
        position += count;
        return count;
    }

    /// <summary>Moves on to the next verified chunk, keeping <see cref="ReadAhead"/> chunks under way; false at the end.</summary>
    private async ValueTask<bool> NextAsync()
    {
        Release(current);
        current = null;
        position = length = 0;
        ScheduleAhead();
        if (ahead.Count == 0)
        {
            return false;
        }
        var chunk = scheduled - ahead.Count;
        current = await ahead.Dequeue();
        length = manifest.LengthOf(chunk);
        ScheduleAhead();
        return true;
    }

    private void ScheduleAhead()
    {
        while (ahead.Count < ReadAhead && scheduled < manifest.Count)
        {
            var chunk = scheduled++;
            ahead.Enqueue(Task.Run(() => ReadVerified(chunk)));
        }
    }

    private byte[] ReadVerified(int chunk)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkManifest.ChunkBytes);
        var bytes = buffer.AsSpan(0, manifest.LengthOf(chunk));
        bool verified;
        try
        {
            verified = ChunkManifest.ReadAt(file, bytes, ChunkManifest.OffsetOf(chunk)) == bytes.Length && manifest.Matches(chunk, bytes);
        }
        catch (IOException)
        {
            Release(buffer);
            throw;
        }
        if (verified)
        {
            return buffer;
        }
        Release(buffer);
        throw new ContentIntegrityException($"The stored file {key} has changed since it was stored: chunk {chunk} of {manifest.Count} does not match its recorded SHA-256.");
    }

    private static void Release(byte[]? buffer)
    {
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            ReleaseAllAsync().AsTask().GetAwaiter().GetResult();
        }
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await ReleaseAllAsync();
        await base.DisposeAsync();
    }

    /// <summary>Waits for the chunks still under way (their buffers go back to the pool, their failures no longer matter), then closes the file.</summary>
    private async ValueTask ReleaseAllAsync()
    {
        while (ahead.TryDequeue(out var pending))
        {
            try
            {
                Release(await pending);
            }
            catch (Exception problem) when (problem is ContentIntegrityException or IOException)
            {
            }
        }
        Release(current);
        current = null;
        file.Dispose();
    }
}
