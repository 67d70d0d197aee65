using System.Buffers.Binary;
using System.Security.Cryptography;
using Portal.Web.Features.Shared.Storage;

namespace Portal.Web.Tests.Features.Shared.Storage;

/// <summary>
/// Content stored in chunks with their hashes (<see cref="IContentStore.BeginChunkedSave"/>) and read back verified chunk by
/// chunk: whole and unchanged it reads back as written; a changed chunk is refused before any of its bytes are handed out; a
/// changed, missing, truncated or grown manifest is refused before anything is read.
/// </summary>
public sealed class ChunkedContentTests : IDisposable
{
    private const int Chunk = ChunkManifest.ChunkBytes;
    private readonly string root = Path.Combine(Path.GetTempPath(), "portal-chunks-" + Guid.NewGuid().ToString("N"));
    private readonly LocalFolderContentStore store;

    public ChunkedContentTests() => store = new LocalFolderContentStore(root);

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(Chunk)]
    [InlineData(2 * Chunk)]
    [InlineData(2 * Chunk + Chunk / 2)]
    public async Task Content_reads_back_as_written_and_is_recorded_under_its_chunks_hashes(int length)
    {
        var data = Data(length);

        var stored = await SaveAsync(data);

        Assert.Equal(length, stored.Length);
        Assert.Equal(ExpectedChecksum(data), stored.Sha256);
        Assert.Equal(data, await ReadAllAsync(stored));
        Assert.Equal(data, await ReadInSmallPiecesAsync(stored));
    }

    [Fact]
    public async Task A_changed_chunk_is_refused_where_it_begins_and_none_of_its_bytes_are_handed_out()
    {
        var data = Data(3 * Chunk + 100);
        var stored = await SaveAsync(data);
        await ChangeByteAsync(stored, 2 * Chunk + Chunk / 2);

        await using var read = await store.OpenChunkedReadAsync(stored.Key, stored.Sha256, CancellationToken.None);
        using var destination = new MemoryStream();
        var refused = await Assert.ThrowsAsync<ContentIntegrityException>(() => read.CopyToAsync(destination));

        Assert.Contains("chunk 2 of 4", refused.Message, StringComparison.Ordinal);
        Assert.Equal(data[..(2 * Chunk)], destination.ToArray());
    }

    [Fact]
    public async Task A_changed_chunk_is_refused_to_a_reader_reading_in_small_pieces_after_exactly_the_chunks_before_it()
    {
        var data = Data(2 * Chunk + 10);
        var stored = await SaveAsync(data);
        await ChangeByteAsync(stored, Chunk + 5);

        await using var read = await store.OpenChunkedReadAsync(stored.Key, stored.Sha256, CancellationToken.None);
        var buffer = new byte[4096];
        long handedOut = 0;
        await Assert.ThrowsAsync<ContentIntegrityException>(async () =>
        {
            int count;
            while ((count = await read.ReadAsync(buffer)) > 0)
            {
                handedOut += count;
            }
        });

        Assert.Equal(Chunk, handedOut);
    }

    [Fact]
    public async Task A_changed_first_chunk_hands_out_nothing()
    {
        var stored = await SaveAsync(Data(Chunk / 2));
        await ChangeByteAsync(stored, 0);

        await using var read = await store.OpenChunkedReadAsync(stored.Key, stored.Sha256, CancellationToken.None);
        using var destination = new MemoryStream();
        await Assert.ThrowsAsync<ContentIntegrityException>(() => read.CopyToAsync(destination));

        Assert.Equal(0, destination.Length);
    }

    [Fact]
    public async Task A_changed_manifest_is_refused_before_anything_is_read()
    {
        var data = Data(2 * Chunk);
        var stored = await SaveAsync(data);
        await ChangeByteAsync(stored, data.Length + 40);

        var refused = await Assert.ThrowsAsync<ContentIntegrityException>(() => store.OpenChunkedReadAsync(stored.Key, stored.Sha256, CancellationToken.None));

        Assert.Contains("chunk manifest", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Content_is_refused_under_another_checksum_than_the_recorded_one()
    {
        var stored = await SaveAsync(Data(1000));

        await Assert.ThrowsAsync<ContentIntegrityException>(() =>
            store.OpenChunkedReadAsync(stored.Key, Convert.ToHexStringLower(SHA256.HashData(Data(1000))), CancellationToken.None));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(-20)]
    [InlineData(-Chunk)]
    [InlineData(1)]
    public async Task Content_cut_short_or_grown_is_refused_before_anything_is_read(int change)
    {
        var stored = await SaveAsync(Data(2 * Chunk + 300));
        await using (var file = File.OpenWrite(FileOf(stored)))
        {
            file.SetLength(file.Length + change);
        }

        await Assert.ThrowsAsync<ContentIntegrityException>(() => store.OpenChunkedReadAsync(stored.Key, stored.Sha256, CancellationToken.None));
    }

    [Fact]
    public async Task Content_stored_whole_without_chunk_hashes_is_refused_when_read_as_chunked()
    {
        var data = Data(5000);
        var whole = await store.SaveAsync(new MemoryStream(data), long.MaxValue, CancellationToken.None);

        await Assert.ThrowsAsync<ContentIntegrityException>(() => store.OpenChunkedReadAsync(whole.Key, whole.Sha256, CancellationToken.None));
    }

    [Fact]
    public async Task Content_gone_from_the_store_is_refused()
    {
        var stored = await SaveAsync(Data(1000));
        File.Delete(FileOf(stored));

        await Assert.ThrowsAsync<ContentIntegrityException>(() => store.OpenChunkedReadAsync(stored.Key, stored.Sha256, CancellationToken.None));
    }

    [Fact]
    public async Task Content_not_committed_leaves_nothing()
    {
        await using (var writer = store.BeginChunkedSave())
        {
            await writer.Content.WriteAsync(Data(Chunk + 1));
        }

        Assert.Empty(Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories));
    }

    private async Task<StoredContent> SaveAsync(byte[] data)
    {
        await using var writer = store.BeginChunkedSave();
        // Pieces of uneven sizes, so that writes straddle the chunks' boundaries.
        for (int offset = 0, piece = 1; offset < data.Length; offset += piece, piece = piece * 7 % 300_007 + 1)
        {
            await writer.Content.WriteAsync(data.AsMemory(offset, Math.Min(piece, data.Length - offset)));
        }
        return await writer.CommitAsync(CancellationToken.None);
    }

    private async Task<byte[]> ReadAllAsync(StoredContent stored)
    {
        await using var read = await store.OpenChunkedReadAsync(stored.Key, stored.Sha256, CancellationToken.None);
        using var destination = new MemoryStream();
        await read.CopyToAsync(destination);
        return destination.ToArray();
    }

    private async Task<byte[]> ReadInSmallPiecesAsync(StoredContent stored)
    {
        await using var read = await store.OpenChunkedReadAsync(stored.Key, stored.Sha256, CancellationToken.None);
        using var destination = new MemoryStream();
        var buffer = new byte[1000];
        int count;
        while ((count = await read.ReadAsync(buffer)) > 0)
        {
            destination.Write(buffer, 0, count);
        }
        return destination.ToArray();
    }

    private async Task ChangeByteAsync(StoredContent stored, long offset)
    {
        await using var file = File.Open(FileOf(stored), FileMode.Open, FileAccess.ReadWrite);
        file.Position = offset;
        var value = (byte)file.ReadByte();
        file.Position = offset;
        file.WriteByte((byte)(value ^ 0x01));
    }

    private string FileOf(StoredContent stored) => Path.Combine(root, stored.Key[..2], stored.Key);

    private static byte[] Data(int length)
    {
        var data = new byte[length];
        new Random(length).NextBytes(data);
        return data;
    }

    /// <summary>The SHA-256 of every chunk's SHA-256, then the marker, the chunk size and the data's length, computed here independently.</summary>
    private static string ExpectedChecksum(byte[] data)
    {
        using var manifest = new MemoryStream();
        for (var offset = 0; offset < data.Length; offset += Chunk)
        {
            manifest.Write(SHA256.HashData(data.AsSpan(offset, Math.Min(Chunk, data.Length - offset))));
        }
        manifest.Write("PCHUNKS1"u8);
        var sizes = new byte[12];
        BinaryPrimitives.WriteInt32LittleEndian(sizes, Chunk);
        BinaryPrimitives.WriteInt64LittleEndian(sizes.AsSpan(4), data.Length);
        manifest.Write(sizes);
        return Convert.ToHexStringLower(SHA256.HashData(manifest.ToArray()));
    }
}
