using System.Buffers;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Portal.Domain.EvidencePackages;

namespace Portal.Web.Features.Shared.Evidence;

/// <summary>
/// Writes files into the package's ZIP as it streams to the client, hashing each on the way for the manifest. JSON goes through a
/// <see cref="Utf8JsonWriter"/> over a small buffer that is copied to the archive asynchronously whenever it fills, so a file of
/// any length costs a bounded amount of memory, and the archive writes into a <see cref="DrainingStream"/>, so that no synchronous
/// write reaches the response.
/// </summary>
/// <param name="output">The stream under the archive; drained after each file, so that what a file's closing wrote synchronously leaves memory.</param>
public sealed class EvidencePackageWriter(ZipArchive archive, DrainingStream output)
{
    private const int FlushThreshold = 64 * 1024;

    // Stored, not deflated: every data byte of the file is then a byte the manifest hashes, and the verifier's layout check leaves no
    // byte unchecked (a deflate stream has bits its readers ignore).
    private const CompressionLevel StoredAsItIs = CompressionLevel.NoCompression;
    private readonly List<ManifestFile> files = [];
    private readonly List<SummarySection> summary = [];

    public IReadOnlyList<ManifestFile> Files => files;

    public IReadOnlyList<SummarySection> Summary => summary;

    /// <summary>Adds a heading and a few lines to <c>summary.html</c> (plain text; the summary escapes it).</summary>
    public void Summarize(string heading, params IEnumerable<string> lines) => summary.Add(new SummarySection(heading, [.. lines]));

    public Task WriteTextAsync(string path, string text, CancellationToken cancellationToken) =>
        WriteBytesAsync(path, Encoding.UTF8.GetBytes(text), cancellationToken);

    public async Task WriteBytesAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        await using (var entry = await OpenAsync(path, cancellationToken))
        {
            await entry.WriteAsync(content, cancellationToken);
        }
        await output.FlushAsync(cancellationToken);
    }

    /// <summary>Writes one JSON file; <paramref name="write"/> calls <see cref="JsonFile.FlushIfFullAsync"/> between records.</summary>
    /// <param name="indented">False for files of many records (the audit slice), where indentation would add a third to the size and time.</param>
    public async Task WriteJsonAsync(string path, Func<JsonFile, Task> write, CancellationToken cancellationToken, bool indented = true)
    {
        await using (var entry = await OpenAsync(path, cancellationToken))
        {
            var file = new JsonFile(entry, indented, cancellationToken);
            await write(file);
            await file.CompleteAsync();
        }
        await output.FlushAsync(cancellationToken);
    }

    /// <summary>Writes <c>manifest.json</c> and its signature <c>manifest.sig</c>, the package's last two files.</summary>
    public async Task SealAsync(EvidenceManifest manifest, ECDsa key, CancellationToken cancellationToken)
    {
        var bytes = manifest.ToUtf8();
        await WriteUnlistedAsync(EvidencePackageFormat.Manifest, bytes, cancellationToken);
        await WriteUnlistedAsync(EvidencePackageFormat.ManifestSignature, Encoding.ASCII.GetBytes(ManifestSignature.Sign(key, bytes)), cancellationToken);
    }

    private async Task WriteUnlistedAsync(string path, byte[] content, CancellationToken cancellationToken)
    {
        await using (var entry = await archive.CreateEntry(path, StoredAsItIs).OpenAsync(cancellationToken))
        {
            await entry.WriteAsync(content, cancellationToken);
        }
        await output.FlushAsync(cancellationToken);
    }

    private async Task<HashingStream> OpenAsync(string path, CancellationToken cancellationToken)
    {
        if (files.Any(f => f.Path == path) || path is EvidencePackageFormat.Manifest or EvidencePackageFormat.ManifestSignature)
        {
            throw new InvalidOperationException($"The evidence package already has a file {path}.");
        }
        var entry = archive.CreateEntry(path, StoredAsItIs);
        return new HashingStream(await entry.OpenAsync(cancellationToken), (sha256, size) => files.Add(new ManifestFile(path, sha256, size)));
    }

    /// <summary>A JSON file being written: <see cref="Writer"/> fills a buffer that goes to the archive when it passes 64 KB.</summary>
    public sealed class JsonFile
    {
        private readonly Stream destination;
        private readonly CancellationToken cancellationToken;
        private readonly ArrayBufferWriter<byte> buffer = new(FlushThreshold * 2);

        internal JsonFile(Stream destination, bool indented, CancellationToken cancellationToken)
        {
            this.destination = destination;
            this.cancellationToken = cancellationToken;
            Writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented });
        }

        public Utf8JsonWriter Writer { get; }

        public CancellationToken CancellationToken => cancellationToken;

        /// <summary>Writes one record with <see cref="EvidenceJson"/>'s conventions.</summary>
        public void Write<T>(T value) => EvidenceJson.Write(Writer, value);

        public async Task FlushIfFullAsync()
        {
            if (Writer.BytesPending + buffer.WrittenCount >= FlushThreshold)
            {
                await FlushAsync();
            }
        }

        internal async Task CompleteAsync()
        {
            await FlushAsync();
            await Writer.DisposeAsync();
        }

        private async Task FlushAsync()
        {
            Writer.Flush();
            await destination.WriteAsync(buffer.WrittenMemory, cancellationToken);
            buffer.ResetWrittenCount();
        }
    }

    /// <summary>Passes writes to the archive's entry while computing their SHA-256 and length; reports both when disposed.</summary>
    private sealed class HashingStream(Stream inner, Action<string, long> completed) : Stream
    {
        private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private long length;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => length;
        public override long Position { get => length; set => throw new NotSupportedException(); }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            hash.AppendData(buffer.Span);
            length += buffer.Length;
            await inner.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Write(byte[] buffer, int offset, int count) =>
            throw new NotSupportedException("Evidence packages are written asynchronously.");

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override void Flush() => throw new NotSupportedException("Evidence packages are written asynchronously.");

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override async ValueTask DisposeAsync()
        {
            await inner.DisposeAsync();
            completed(Convert.ToHexStringLower(hash.GetHashAndReset()), length);
            hash.Dispose();
            await base.DisposeAsync();
        }
    }
}

/// <summary>A heading of <c>summary.html</c> and its lines, contributed by a part.</summary>
public sealed record SummarySection(string Heading, IReadOnlyList<string> Lines);
