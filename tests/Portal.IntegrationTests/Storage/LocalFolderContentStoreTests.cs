using System.Security.Cryptography;
using Portal.Web.Features.Shared.Storage;

namespace Portal.IntegrationTests.Storage;

public sealed class LocalFolderContentStoreTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), $"portal-store-{Guid.NewGuid():N}");
    private readonly LocalFolderContentStore store;

    public LocalFolderContentStoreTests() => store = new LocalFolderContentStore(root);

    [Fact]
    public async Task Saved_content_reads_back_with_its_length_and_sha256()
    {
        var bytes = RandomNumberGenerator.GetBytes(200_000);

        var stored = await store.SaveAsync(new MemoryStream(bytes), maxBytes: bytes.Length, CancellationToken.None);

        Assert.Equal(bytes.Length, stored.Length);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), stored.Sha256);
        await using var read = await store.OpenReadAsync(stored.Key, stored.Sha256, CancellationToken.None);
        var copy = new MemoryStream();
        await read.CopyToAsync(copy);
        Assert.Equal(bytes, copy.ToArray());
        Assert.True(await store.VerifyAsync(stored.Key, stored.Sha256, CancellationToken.None));
    }

    [Fact]
    public async Task Content_past_the_limit_is_refused_and_leaves_no_file()
    {
        var bytes = new byte[10_001];

        var refused = await Assert.ThrowsAsync<ContentTooLargeException>(() => store.SaveAsync(new MemoryStream(bytes), maxBytes: 10_000, CancellationToken.None));

        Assert.Equal(10_000, refused.MaxBytes);
        Assert.Empty(Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_changed_file_fails_its_checksum_when_read()
    {
        var stored = await store.SaveAsync(new MemoryStream("score\n0.5\n"u8.ToArray()), 1_000, CancellationToken.None);
        var file = Directory.EnumerateFiles(root, stored.Key, SearchOption.AllDirectories).Single();
        await File.WriteAllTextAsync(file, "score\n0.9\n");

        await using var read = await store.OpenReadAsync(stored.Key, stored.Sha256, CancellationToken.None);
        var failure = await Assert.ThrowsAsync<ContentIntegrityException>(() => read.CopyToAsync(Stream.Null));

        Assert.Contains(stored.Sha256, failure.Message);
        Assert.False(await store.VerifyAsync(stored.Key, stored.Sha256, CancellationToken.None));
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("ABCDEF0123456789ABCDEF0123456789")]
    [InlineData("")]
    public async Task A_key_the_store_did_not_make_reaches_no_file(string key)
    {
        await Assert.ThrowsAsync<ContentIntegrityException>(() => store.OpenReadAsync(key, new string('0', 64), CancellationToken.None));
    }

    [Fact]
    public async Task A_missing_file_is_an_integrity_failure()
    {
        var stored = await store.SaveAsync(new MemoryStream([1, 2, 3]), 10, CancellationToken.None);
        await store.DeleteAsync(stored.Key, CancellationToken.None);

        Assert.False(await store.VerifyAsync(stored.Key, stored.Sha256, CancellationToken.None));
    }

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
