using System.Security.Cryptography;

namespace Portal.Web.Features.Shared.Storage;

/// <summary>Reads through to the stored file, hashing as it goes; at the end the hash must be the recorded one.</summary>
internal sealed class VerifyingReadStream(Stream inner, string expectedSha256, string key) : ForwardReadStream
{
    private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private bool verified;

    public override long Length => inner.Length;

    public override long Position
    {
        get => inner.Position;
        set => throw new NotSupportedException();
    }

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        Observe(buffer[..read]);
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        Observe(buffer.Span[..read]);
        return read;
    }

    private void Observe(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > 0)
        {
            hash.AppendData(bytes);
            return;
        }
        if (verified)
        {
            return;
        }
        verified = true;
        var actual = Convert.ToHexStringLower(hash.GetHashAndReset());
        if (!string.Equals(actual, expectedSha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new ContentIntegrityException($"The stored file {key} has changed since it was stored: its SHA-256 is {actual}, not the recorded {expectedSha256}.");
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            hash.Dispose();
        }
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync();
        hash.Dispose();
        await base.DisposeAsync();
    }
}
