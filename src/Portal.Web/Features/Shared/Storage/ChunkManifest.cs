using System.Buffers.Binary;
using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;

namespace Portal.Web.Features.Shared.Storage;

/// <summary>
/// The SHA-256 of every fixed-size chunk of stored content, kept after the content itself: the data, then the chunks' hashes,
/// then a trailer (a marker, the chunk size, the data's length). The content is recorded under the SHA-256 of the hashes and
/// the trailer, so a manifest that passes vouches for every chunk as the whole-file checksum would, while each chunk can be
/// verified on its own, on any core, before its bytes go anywhere. It holds 32 bytes a chunk (32 KB for 1 GB).
/// </summary>
internal sealed class ChunkManifest
{
    public const int ChunkBytes = 1 << 20;
    private const int HashBytes = SHA256.HashSizeInBytes;
    private const int TrailerBytes = 8 + sizeof(int) + sizeof(long);
    private static ReadOnlySpan<byte> Marker => "PCHUNKS1"u8;

    private readonly byte[] hashes;

    private ChunkManifest(byte[] hashes, long dataLength)
    {
        this.hashes = hashes;
        DataLength = dataLength;
    }

    public long DataLength { get; }
    public int Count => hashes.Length / HashBytes;

    public static long OffsetOf(int chunk) => (long)chunk * ChunkBytes;

    public int LengthOf(int chunk) => (int)Math.Min(ChunkBytes, DataLength - OffsetOf(chunk));

    /// <summary>Whether <paramref name="data"/> is chunk number <paramref name="chunk"/> as it was stored.</summary>
    public bool Matches(int chunk, ReadOnlySpan<byte> data)
    {
        Span<byte> actual = stackalloc byte[HashBytes];
        SHA256.HashData(data, actual);
        return actual.SequenceEqual(hashes.AsSpan(chunk * HashBytes, HashBytes));
    }

    /// <summary>The manifest to write after <paramref name="dataLength"/> bytes whose chunks hashed to <paramref name="chunkHashes"/>, and its SHA-256.</summary>
    public static (byte[] Manifest, string Sha256) Encode(ReadOnlySpan<byte> chunkHashes, long dataLength)
    {
        var manifest = new byte[chunkHashes.Length + TrailerBytes];
        chunkHashes.CopyTo(manifest);
        var trailer = manifest.AsSpan(chunkHashes.Length);
        Marker.CopyTo(trailer);
        BinaryPrimitives.WriteInt32LittleEndian(trailer[8..], ChunkBytes);
        BinaryPrimitives.WriteInt64LittleEndian(trailer[12..], dataLength);
        return (manifest, Convert.ToHexStringLower(SHA256.HashData(manifest)));
    }

    /// <summary>
    /// Reads the manifest at the end of <paramref name="file"/> and checks it against <paramref name="expectedSha256"/>; a file
    /// without one (stored otherwise, truncated or grown) or whose manifest is not the recorded one throws <see cref="ContentIntegrityException"/>.
    /// </summary>
    public static ChunkManifest Read(SafeFileHandle file, string expectedSha256, string key)
    {
        var fileLength = RandomAccess.GetLength(file);
        Span<byte> trailer = stackalloc byte[TrailerBytes];
        if (fileLength < TrailerBytes || ReadAt(file, trailer, fileLength - TrailerBytes) != TrailerBytes || !trailer[..8].SequenceEqual(Marker))
        {
            throw new ContentIntegrityException($"The stored file {key} has no chunk manifest at its end.");
        }
        var chunkSize = BinaryPrimitives.ReadInt32LittleEndian(trailer[8..]);
        var dataLength = BinaryPrimitives.ReadInt64LittleEndian(trailer[12..]);
        var manifestLength = fileLength - Math.Max(0, dataLength) - TrailerBytes;
        if (chunkSize != ChunkBytes || dataLength < 0 || manifestLength < 0 || manifestLength != (dataLength + ChunkBytes - 1) / ChunkBytes * HashBytes)
        {
            throw new ContentIntegrityException($"The stored file {key} does not have the length and chunk size its chunk manifest describes.");
        }
        var manifest = new byte[manifestLength + TrailerBytes];
        if (ReadAt(file, manifest, dataLength) != manifest.Length)
        {
            throw new ContentIntegrityException($"The stored file {key} ended inside its chunk manifest.");
        }
        var actual = Convert.ToHexStringLower(SHA256.HashData(manifest));
        if (!string.Equals(actual, expectedSha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new ContentIntegrityException($"The chunk manifest of the stored file {key} has changed since it was stored: its SHA-256 is {actual}, not the recorded {expectedSha256}.");
        }
        return new ChunkManifest(manifest[..(int)manifestLength], dataLength);
    }

    /// <summary>Reads until <paramref name="buffer"/> is full or the file ends; the count read.</summary>
    public static int ReadAt(SafeFileHandle file, Span<byte> buffer, long offset)
    {
        var total = 0;
        int read;
        while (total < buffer.Length && (read = RandomAccess.Read(file, buffer[total..], offset + total)) > 0)
        {
            total += read;
        }
        return total;
    }
}
