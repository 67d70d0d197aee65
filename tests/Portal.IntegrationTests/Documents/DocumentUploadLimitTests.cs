using System.Net;
using Microsoft.AspNetCore.Hosting;
using Portal.Domain.Access;
using Portal.IntegrationTests.Infrastructure;

namespace Portal.IntegrationTests.Documents;

/// <summary>A portal whose documents may be at most 4 KB, so that the limit is tested without moving megabytes.</summary>
public sealed class SmallDocumentsPortal : PortalFactory
{
    public const int MaxUploadBytes = 4096;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Documents:MaxUploadBytes", MaxUploadBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

/// <summary>Documents:MaxUploadBytes: a file past it is a 413 problem detail, and nothing of it is kept.</summary>
public sealed class DocumentUploadLimitTests(SmallDocumentsPortal portal) : IClassFixture<SmallDocumentsPortal>
{
    private readonly HttpClient engineer = portal.ClientAs(PortalRoles.Engineer);

    [Fact]
    public async Task A_file_one_byte_over_the_limit_is_a_413_and_nothing_is_stored()
    {
        var key = await portal.ModelAsync("limit-over");
        var files = portal.StoredFiles().Length;

        var response = await engineer.UploadAsync(key, Text(SmallDocumentsPortal.MaxUploadBytes + 1), "big.txt");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("4,096 bytes", await response.DetailAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await portal.DocumentRowsAsync(key));
        Assert.Equal(files, portal.StoredFiles().Length);
    }

    [Fact]
    public async Task A_body_far_over_the_limit_is_refused_before_it_is_read()
    {
        var key = await portal.ModelAsync("limit-far");
        var files = portal.StoredFiles().Length;

        var response = await engineer.UploadAsync(key, Text(3 * 1024 * 1024), "huge.txt");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, await portal.DocumentRowsAsync(key));
        Assert.Equal(files, portal.StoredFiles().Length);
    }

    [Fact]
    public async Task A_file_of_exactly_the_limit_is_accepted()
    {
        var key = await portal.ModelAsync("limit-exact");

        var document = await engineer.AttachAsync(key, Text(SmallDocumentsPortal.MaxUploadBytes), "exact.txt", kind: "Other");

        Assert.Equal(SmallDocumentsPortal.MaxUploadBytes, document.GetProperty("sizeBytes").GetInt64());
    }

    private static byte[] Text(int length) => [.. Enumerable.Repeat((byte)'a', length)];
}
