using System.Buffers;

namespace Portal.Domain.Outputs;

/// <summary>
/// Streams stored CSV through <see cref="CsvRowMasker"/> in chunks of whole rows (about a megabyte each), so memory stays the
/// same whatever the file's size. A whole-file read masks its chunks on several cores at once and writes them in order: one
/// keyed hash per row bounds a single core, while reading (and checksumming) the file does not. A paged read goes one chunk
/// at a time, counting rows in order.
/// </summary>
public sealed class CsvOutputCopier(CsvOutputCopier.Settings settings)
{
    public sealed record Settings(int ChunkBytes, int Workers)
    {
        public static Settings Default => new(1 << 20, Math.Max(1, Environment.ProcessorCount));
    }

    /// <summary>Copies the rows <paramref name="window"/> asks for from <paramref name="source"/> (read to its end) to <paramref name="destination"/>.</summary>
    /// <returns>Rows written, and rows that passed the filter in the part of the data read (all of it when the window reads to the end).</returns>
    public async Task<(long Written, long Matched)> CopyAsync(Stream source, Func<ReadOnlySpan<byte>, CsvMaskingPlan> planFor, OutputFormat format,
        Stream destination, RowWindow window, CancellationToken cancellationToken)
    {
        var reader = new ChunkReader(source, settings.ChunkBytes);
        try
        {
            var header = await reader.ReadHeaderAsync(cancellationToken);
            var plan = planFor(header.Span);
            var wholeFile = window.Skip == 0 && window.Take == long.MaxValue && settings.Workers > 1;
            return wholeFile
                ? await CopyInParallelAsync(reader, plan, format, destination, cancellationToken)
                : await CopyInOrderAsync(reader, plan, format, destination, window, cancellationToken);
        }
        finally
        {
            reader.Dispose();
        }
    }

    private static async Task<(long Written, long Matched)> CopyInOrderAsync(ChunkReader reader, CsvMaskingPlan plan, OutputFormat format, Stream destination,
        RowWindow window, CancellationToken cancellationToken)
    {
        using var masker = new CsvRowMasker(plan, format);
        var output = new ArrayBufferWriter<byte>(reader.ChunkBytes * 2);
        masker.WriteHeader(output);
        while (!window.IsDone && await reader.ReadChunkAsync(cancellationToken) is { } chunk)
        {
            masker.MaskRows(chunk.Rows.Span, output, ref window);
            chunk.Return();
            await destination.WriteAsync(output.WrittenMemory, cancellationToken);
            output.ResetWrittenCount();
        }
        await destination.WriteAsync(output.WrittenMemory, cancellationToken);
        return (window.Written, window.Matched);
    }

    /// <summary>
    /// Chunk k goes to worker k mod n; before a worker takes a new chunk its previous one is written out, so chunks leave in
    /// the order they were read and at most n are held at once.
    /// </summary>
    private async Task<(long Written, long Matched)> CopyInParallelAsync(ChunkReader reader, CsvMaskingPlan plan, OutputFormat format, Stream destination,
        CancellationToken cancellationToken)
    {
        var workers = Enumerable.Range(0, settings.Workers).Select(_ => new Worker(plan, format, reader.ChunkBytes)).ToArray();
        try
        {
            var header = new ArrayBufferWriter<byte>();
            workers[0].Masker.WriteHeader(header);
            await destination.WriteAsync(header.WrittenMemory, cancellationToken);
            long written = 0, matched = 0;
            var next = 0;
            while (await reader.ReadChunkAsync(cancellationToken) is { } chunk)
            {
                var worker = workers[next++ % workers.Length];
                (written, matched) = Add((written, matched), await worker.FinishAsync(destination, cancellationToken));
                worker.Start(chunk);
            }
            for (var i = 0; i < workers.Length; i++)
            {
                (written, matched) = Add((written, matched), await workers[next++ % workers.Length].FinishAsync(destination, cancellationToken));
            }
            return (written, matched);
        }
        finally
        {
            foreach (var worker in workers)
            {
                await worker.DisposeAsync();
            }
        }
    }

    private static (long, long) Add((long Written, long Matched) total, (long Written, long Matched) more) =>
        (total.Written + more.Written, total.Matched + more.Matched);

    /// <summary>One core's share: its own masker (and keyed hasher), the chunk it masks and the bytes it made.</summary>
    private sealed class Worker(CsvMaskingPlan plan, OutputFormat format, int chunkBytes) : IAsyncDisposable
    {
        private readonly ArrayBufferWriter<byte> output = new(chunkBytes * 2);
        private Task<RowWindow>? masking;

        public CsvRowMasker Masker { get; } = new(plan, format);

        public void Start(Chunk chunk) => masking = Task.Run(() =>
        {
            try
            {
                var window = RowWindow.All;
                Masker.MaskRows(chunk.Rows.Span, output, ref window);
                return window;
            }
            finally
            {
                chunk.Return();
            }
        });

        /// <summary>Waits for the chunk in hand (if any) and writes what it made.</summary>
        public async Task<(long Written, long Matched)> FinishAsync(Stream destination, CancellationToken cancellationToken)
        {
            if (masking is null)
            {
                return (0, 0);
            }
            var window = await masking;
            masking = null;
            await destination.WriteAsync(output.WrittenMemory, cancellationToken);
            output.ResetWrittenCount();
            return (window.Written, window.Matched);
        }

        public async ValueTask DisposeAsync()
        {
            if (masking is not null)
            {
                try
                {
                    await masking;
                }
                catch (Exception)
                {
                    // The copy already failed for the reason being thrown; this worker's own failure adds nothing.
                }
            }
            Masker.Dispose();
        }
    }

    /// <summary>Whole rows in a rented buffer, returned to the pool once masked.</summary>
    private sealed class Chunk(byte[] buffer, int length)
    {
        public ReadOnlyMemory<byte> Rows => buffer.AsMemory(0, length);

        public void Return() => ArrayPool<byte>.Shared.Return(buffer);
    }

    /// <summary>
    /// Reads the source in large blocks and cuts each at its last row end (a new line outside quotes); the partial row after
    /// the cut starts the next block. A row longer than a block makes the block grow.
    /// </summary>
    private sealed class ChunkReader(Stream source, int chunkBytes) : IDisposable
    {
        private static readonly SearchValues<byte> QuoteOrNewLine = SearchValues.Create("\"\n"u8);
        private byte[] buffer = ArrayPool<byte>.Shared.Rent(chunkBytes);
        private int filled;
        private bool ended;
        private bool atStart = true;

        public int ChunkBytes { get; } = chunkBytes;

        /// <summary>The first record with content (the header), without its line end; the stored data always has one.</summary>
        public async Task<ReadOnlyMemory<byte>> ReadHeaderAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                await FillAsync(cancellationToken);
                var data = buffer.AsSpan(0, filled);
                var end = CsvRowMasker.RecordEnd(data);
                if (end == filled && !ended)
                {
                    Grow();
                    continue;
                }
                var record = data[..end].ToArray();
                Consume(Math.Min(end + 1, filled));
                if (record.AsSpan().TrimEnd((byte)'\r').IsEmpty && filled > 0)
                {
                    continue;
                }
                return record;
            }
        }

        public async Task<Chunk?> ReadChunkAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                await FillAsync(cancellationToken);
                if (filled == 0)
                {
                    return null;
                }
                var cut = ended ? filled : LastRowEnd(buffer.AsSpan(0, filled));
                if (cut == 0)
                {
                    Grow();
                    continue;
                }
                var next = ArrayPool<byte>.Shared.Rent(Math.Max(ChunkBytes, (filled - cut) * 2));
                buffer.AsSpan(cut, filled - cut).CopyTo(next);
                var chunk = new Chunk(buffer, cut);
                (buffer, filled) = (next, filled - cut);
                return chunk;
            }
        }

        public void Dispose() => ArrayPool<byte>.Shared.Return(buffer);

        private async Task FillAsync(CancellationToken cancellationToken)
        {
            while (!ended && filled < buffer.Length)
            {
                var read = await source.ReadAsync(buffer.AsMemory(filled), cancellationToken);
                if (read == 0)
                {
                    ended = true;
                }
                filled += read;
                if (atStart && filled >= 3)
                {
                    atStart = false;
                    if (buffer.AsSpan(0, 3).SequenceEqual("\uFEFF"u8))
                    {
                        Consume(3);
                    }
                }
            }
        }

        private void Consume(int count)
        {
            buffer.AsSpan(count, filled - count).CopyTo(buffer);
            filled -= count;
        }

        private void Grow()
        {
            var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
            buffer.AsSpan(0, filled).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = larger;
        }

        /// <summary>Just after the last new line outside quotes (the block starts at a row's start), or 0 when there is none.</summary>
        private static int LastRowEnd(ReadOnlySpan<byte> data)
        {
            if (data.IndexOf((byte)'"') < 0)
            {
                return data.LastIndexOf((byte)'\n') + 1;
            }
            var inQuotes = false;
            var last = 0;
            var at = 0;
            int next;
            while ((next = data[at..].IndexOfAny(QuoteOrNewLine)) >= 0)
            {
                at += next;
                if (data[at] == (byte)'"')
                {
                    inQuotes = !inQuotes;
                }
                else if (!inQuotes)
                {
                    last = at + 1;
                }
                at++;
            }
            return last;
        }
    }
}
