using System.Buffers.Binary;

namespace Portal.Domain.EvidencePackages;

/// <summary>
/// The package file's ZIP structure in the one form the portal writes it: entries back to back from the first byte, each local
/// header agreeing field by field with its central directory record (and its data descriptor with both), then the central
/// directory and its end record, with nothing between, after or left to choice: no comments, no extra fields but ZIP64 sizes,
/// the same platform and attributes on every entry, and every file stored as it is, so that each data byte is a byte of a file
/// the manifest hashes. ZIP readers skip most header fields and the unused bits of compressed data; without this check a byte
/// changed there would go unnoticed.
/// </summary>
public static class ZipLayout
{
    private const uint LocalHeader = 0x04034b50;
    private const uint CentralHeader = 0x02014b50;
    private const uint DataDescriptor = 0x08074b50;
    private const uint EndOfCentralDirectory = 0x06054b50;
    private const uint Zip64End = 0x06064b50;
    private const uint Zip64Locator = 0x07064b50;
    private const ushort Zip64ExtraId = 0x0001;
    private const ushort Stored = 0;
    private const ushort HasDataDescriptor = 1 << 3;
    private const int EndLength = 22;
    private const int Zip64EndLength = 56;
    private const int Zip64LocatorLength = 20;

    /// <returns>Null when the layout is the portal's; otherwise what is wrong and where.</returns>
    public static async Task<string?> ProblemAsync(Stream package, CancellationToken cancellationToken)
    {
        if (!package.CanSeek)
        {
            return "the package must be read from a file to check its ZIP structure";
        }
        try
        {
            var (count, directoryStart, directoryEnd) = await DirectoryAsync(package, cancellationToken);
            var directory = await ReadAsync(package, directoryStart, checked((int)(directoryEnd - directoryStart)), cancellationToken);
            await CheckEntriesAsync(package, directory, count, directoryStart, cancellationToken);
            return null;
        }
        catch (LayoutException e)
        {
            return $"ZIP structure: {e.Message}";
        }
        catch (Exception e) when (e is EndOfStreamException or ArgumentOutOfRangeException or OverflowException)
        {
            return "ZIP structure: a record runs past the end of the file";
        }
    }

    /// <summary>The end record (and its ZIP64 twin when present) as the last bytes of the file: where the directory is and how many entries it lists.</summary>
    private static async Task<(long Count, long Start, long End)> DirectoryAsync(Stream package, CancellationToken cancellationToken)
    {
        var length = package.Length;
        Require(length >= EndLength, "the file is too short to be a ZIP archive");
        var end = await ReadAsync(package, length - EndLength, EndLength, cancellationToken);
        Require(U32(end, 0) == EndOfCentralDirectory, "the file does not end with the end of the central directory (or has a comment)");
        Require(U16(end, 4) == 0 && U16(end, 6) == 0 && U16(end, 20) == 0, "the end record names another disk or carries a comment");
        long count = U16(end, 10);
        Require(U16(end, 8) == count, "the end record's entry counts disagree");
        long size = U32(end, 12);
        long start = U32(end, 16);
        var directoryEnd = length - EndLength;
        if (count == 0xFFFF || size == 0xFFFFFFFF || start == 0xFFFFFFFF)
        {
            Require(directoryEnd >= Zip64EndLength + Zip64LocatorLength, "the ZIP64 end records are missing");
            var locator = await ReadAsync(package, directoryEnd - Zip64LocatorLength, Zip64LocatorLength, cancellationToken);
            var zip64At = directoryEnd - Zip64LocatorLength - Zip64EndLength;
            Require(U32(locator, 0) == Zip64Locator && U32(locator, 4) == 0 && (long)U64(locator, 8) == zip64At && U32(locator, 16) == 1,
                "the ZIP64 locator does not point at the record just before it");
            var zip64 = await ReadAsync(package, zip64At, Zip64EndLength, cancellationToken);
            Require(U32(zip64, 0) == Zip64End && U64(zip64, 4) == Zip64EndLength - 12 && U32(zip64, 16) == 0 && U32(zip64, 20) == 0,
                "the ZIP64 end record is not the plain one");
            Require(U64(zip64, 24) == U64(zip64, 32), "the ZIP64 end record's entry counts disagree");
            Require(Agrees(count, 0xFFFF, (long)U64(zip64, 32)) && Agrees(size, 0xFFFFFFFF, (long)U64(zip64, 40)) && Agrees(start, 0xFFFFFFFF, (long)U64(zip64, 48)),
                "the end record and the ZIP64 end record disagree");
            count = (long)U64(zip64, 32);
            size = (long)U64(zip64, 40);
            start = (long)U64(zip64, 48);
            directoryEnd = zip64At;
        }
        Require(start + size == directoryEnd, "the central directory does not end where the end record begins");
        return (count, start, directoryEnd);
    }

    private static async Task CheckEntriesAsync(Stream package, byte[] directory, long count, long directoryStart, CancellationToken cancellationToken)
    {
        var at = 0;
        long expectedOffset = 0;
        byte[]? firstPlatformAndAttributes = null;
        for (var i = 0; i < count; i++)
        {
            var entry = Central.Read(directory, ref at);
            // The platform that made it and the file attributes: the same on every entry the portal writes.
            byte[] platformAndAttributes = [directory[entry.RecordAt + 5], .. directory.AsSpan(entry.RecordAt + 38, 4)];
            firstPlatformAndAttributes ??= platformAndAttributes;
            Require(platformAndAttributes.SequenceEqual(firstPlatformAndAttributes), $"entry {entry.Name} has another platform or attributes than the first entry");
            Require(entry.Offset == expectedOffset, $"entry {entry.Name} does not start where the previous one ends");
            expectedOffset = await LocalEndAsync(package, entry, cancellationToken);
        }
        Require(at == directory.Length, "the central directory holds more than its entries");
        Require(expectedOffset == directoryStart, "bytes lie between the last entry and the central directory");
    }

    /// <summary>Checks the local header, data and descriptor of one entry against its directory record; returns where the entry ends.</summary>
    private static async Task<long> LocalEndAsync(Stream package, Central entry, CancellationToken cancellationToken)
    {
        const int FixedLength = 30;
        var header = await ReadAsync(package, entry.Offset, FixedLength + entry.NameBytes.Length, cancellationToken);
        var extraLength = U16(header, 28);
        var extra = await ReadAsync(package, entry.Offset + FixedLength + entry.NameBytes.Length, extraLength, cancellationToken);
        Require(U32(header, 0) == LocalHeader, $"entry {entry.Name} has no local header where the directory says");
        Require(header.AsSpan(4, 10).SequenceEqual(entry.Record.AsSpan(6, 10)), $"entry {entry.Name}: its local header and directory record disagree on version, flags, method or time");
        Require(header.AsSpan(FixedLength).SequenceEqual(entry.NameBytes) && U16(header, 26) == entry.NameBytes.Length, $"entry {entry.Name}: its local header names another file");
        var sizes = header.AsSpan(14, 12);
        if ((entry.Flags & HasDataDescriptor) != 0)
        {
            Require(!sizes.ContainsAnyExcept((byte)0) && (extraLength == 0 || Zip64Sizes(extra) is (0, 0)), $"entry {entry.Name}: its local header has sizes though they follow the data");
        }
        else
        {
            Require(U32(header, 14) == entry.Crc && SizeAgrees(U32(header, 18), entry.CompressedSize, extra, compressed: true)
                && SizeAgrees(U32(header, 22), entry.Size, extra, compressed: false),
                $"entry {entry.Name}: its local header and directory record disagree on checksum or sizes");
        }
        Require(extraLength == 0 || Zip64Sizes(extra) is not null, $"entry {entry.Name}: its local header carries extra fields");
        var dataEnd = entry.Offset + FixedLength + entry.NameBytes.Length + extraLength + entry.CompressedSize;
        if ((entry.Flags & HasDataDescriptor) == 0)
        {
            return dataEnd;
        }
        var wide = extraLength > 0;
        var descriptor = await ReadAsync(package, dataEnd, wide ? 24 : 16, cancellationToken);
        Require(U32(descriptor, 0) == DataDescriptor && U32(descriptor, 4) == entry.Crc
            && (wide ? (long)U64(descriptor, 8) == entry.CompressedSize && (long)U64(descriptor, 16) == entry.Size
                : U32(descriptor, 8) == entry.CompressedSize && U32(descriptor, 12) == entry.Size),
            $"entry {entry.Name}: its data descriptor and directory record disagree");
        return dataEnd + descriptor.Length;
    }

    /// <summary>One central directory record, with its ZIP64 sizes and offset applied.</summary>
    private sealed record Central(int RecordAt, byte[] Record, string Name, byte[] NameBytes, ushort Flags, uint Crc, long CompressedSize, long Size, long Offset)
    {
        private const int FixedLength = 46;

        public static Central Read(byte[] directory, ref int at)
        {
            Require(directory.Length - at >= FixedLength && U32(directory, at) == CentralHeader, "the central directory has fewer records than the end record counts");
            var record = directory.AsSpan(at, FixedLength).ToArray();
            var nameLength = U16(record, 28);
            var extraLength = U16(record, 30);
            var nameBytes = directory.AsSpan(at + FixedLength, nameLength).ToArray();
            var extra = directory.AsSpan(at + FixedLength + nameLength, extraLength).ToArray();
            var name = System.Text.Encoding.UTF8.GetString(nameBytes);
            Require(U16(record, 32) == 0 && U16(record, 34) == 0 && U16(record, 36) == 0, $"entry {name}: a comment, another disk or internal attributes in its directory record");
            Require(record[4] == record[6] && record[7] == 0, $"entry {name}: its directory record's versions differ");
            Require(U16(record, 10) == Stored, $"entry {name} is compressed; the portal stores every file as it is");
            long[] zip64 = extraLength == 0 ? [] : Zip64Values(extra) ?? throw new LayoutException($"entry {name}: its directory record carries extra fields");
            var next = 0;
            long Wide(uint narrow) => narrow != 0xFFFFFFFF ? narrow : next < zip64.Length ? zip64[next++] : throw new LayoutException($"entry {name}: a ZIP64 value is missing");
            var size = Wide(U32(record, 24));
            var compressed = Wide(U32(record, 20));
            var offset = Wide(U32(record, 42));
            Require(next == zip64.Length && compressed == size, $"entry {name}: its sizes disagree");
            var result = new Central(at, record, name, nameBytes, U16(record, 8), U32(record, 16), compressed, size, offset);
            at += FixedLength + nameLength + extraLength;
            return result;
        }
    }

    /// <summary>The values of a ZIP64 extra field that is the only extra field; null for anything else.</summary>
    private static long[]? Zip64Values(byte[] extra)
    {
        if (extra.Length < 4 || U16(extra, 0) != Zip64ExtraId || U16(extra, 2) != extra.Length - 4 || (extra.Length - 4) % 8 != 0)
        {
            return null;
        }
        return [.. Enumerable.Range(0, (extra.Length - 4) / 8).Select(i => (long)U64(extra, 4 + (i * 8)))];
    }

    /// <summary>The sizes of a local header's ZIP64 extra field (uncompressed, compressed).</summary>
    private static (long Size, long Compressed)? Zip64Sizes(byte[] extra) =>
        Zip64Values(extra) is [var size, var compressed] ? (size, compressed) : null;

    private static bool SizeAgrees(uint narrow, long wide, byte[] extra, bool compressed) =>
        narrow == 0xFFFFFFFF ? Zip64Sizes(extra) is { } sizes && (compressed ? sizes.Compressed : sizes.Size) == wide : extra.Length == 0 && narrow == wide;

    private static bool Agrees(long narrow, long marker, long wide) => narrow == marker || narrow == wide;

    private static async Task<byte[]> ReadAsync(Stream package, long offset, int length, CancellationToken cancellationToken)
    {
        var buffer = new byte[length];
        package.Position = offset;
        await package.ReadExactlyAsync(buffer, cancellationToken);
        return buffer;
    }

    private static void Require(bool condition, string problem)
    {
        if (!condition)
        {
            throw new LayoutException(problem);
        }
    }

    private static ushort U16(byte[] bytes, int at) => BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(at));

    private static uint U32(byte[] bytes, int at) => BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at));

    private static ulong U64(byte[] bytes, int at) => BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(at));

    private sealed class LayoutException(string message) : Exception(message);
}
