namespace Portal.Web.Features.Shared.Storage;

/// <summary>
/// Where uploaded files live (documents, model outputs): streamed in and out, never held whole in memory, and checked
/// against their SHA-256 on every read. Each feature has its own store, resolved by name (<see cref="ContentStores"/>).
/// </summary>
public interface IContentStore
{
    /// <summary>Streams <paramref name="content"/> to storage; past <paramref name="maxBytes"/> nothing is kept and <see cref="ContentTooLargeException"/> is thrown.</summary>
    Task<StoredContent> SaveAsync(Stream content, long maxBytes, CancellationToken cancellationToken);

    /// <summary>
    /// Content written piece by piece (teed off a stream going elsewhere), checksummed chunk by chunk as it is written; it is
    /// kept only when <see cref="IContentWriter.CommitAsync"/> is called, and disposing the writer without it leaves nothing.
    /// The chunks' hashes are stored with the content and its recorded checksum is theirs (<see cref="ChunkManifest"/>); read
    /// it back with <see cref="OpenChunkedReadAsync"/>.
    /// </summary>
    IContentWriter BeginChunkedSave();

    /// <summary>
    /// A stream over stored content that hashes what it reads and throws <see cref="ContentIntegrityException"/> at the end
    /// when the hash is not <paramref name="expectedSha256"/>, so a changed file never passes as the recorded one.
    /// </summary>
    Task<Stream> OpenReadAsync(string key, string expectedSha256, CancellationToken cancellationToken);

    /// <summary>
    /// A stream over content stored by <see cref="BeginChunkedSave"/>. Before it is returned, the chunks' hashes are checked
    /// against <paramref name="expectedSha256"/> (else <see cref="ContentIntegrityException"/>, and nothing has been read);
    /// then each chunk is verified, ahead on other threads, before any of its bytes are handed out, and one that fails throws
    /// <see cref="ContentIntegrityException"/> where it would begin.
    /// </summary>
    Task<Stream> OpenChunkedReadAsync(string key, string expectedSha256, CancellationToken cancellationToken);

    /// <summary>Reads the whole content once and says whether it still has <paramref name="expectedSha256"/>.</summary>
    Task<bool> VerifyAsync(string key, string expectedSha256, CancellationToken cancellationToken);

    Task DeleteAsync(string key, CancellationToken cancellationToken);
}

/// <summary>An unfinished piece of content: bytes go to <see cref="Content"/>; <see cref="CommitAsync"/> stores them.</summary>
public interface IContentWriter : IAsyncDisposable
{
    Stream Content { get; }

    Task<StoredContent> CommitAsync(CancellationToken cancellationToken);
}

/// <param name="Key">The store's own name for the content; opaque to callers.</param>
/// <param name="Sha256">Lower-case hex.</param>
public sealed record StoredContent(string Key, long Length, string Sha256);

public sealed class ContentTooLargeException(long maxBytes)
    : Exception($"The file is larger than the limit of {maxBytes:N0} bytes; nothing was stored.")
{
    public long MaxBytes { get; } = maxBytes;
}

/// <summary>Stored content no longer matches the checksum recorded when it was stored, or is gone.</summary>
public sealed class ContentIntegrityException(string message) : Exception(message);
