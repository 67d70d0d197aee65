using System.Security.Cryptography;
using System.Text;
using Portal.Domain.ApiContract;

namespace Portal.Domain.Tests.ApiContract;

public class IdempotencyKeyTests
{
    [Theory]
    [InlineData("8e03978e-40d5-43e8-bc93-6894a57f9324")]
    [InlineData("ci-run-1234/register model")]
    [InlineData("~")]
    public void Printable_ascii_keys_up_to_255_characters_are_usable(string key) => Assert.Null(IdempotencyKey.Problem(key));

    [Fact]
    public void A_key_of_exactly_255_characters_is_usable_and_one_more_is_refused()
    {
        Assert.Null(IdempotencyKey.Problem(new string('k', 255)));
        Assert.Contains("at most 255", IdempotencyKey.Problem(new string('k', 256)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("tab\there")]
    [InlineData("nul\0")]
    [InlineData("line\nbreak")]
    [InlineData("del\u007f")]
    [InlineData("caf\u00e9")]
    public void Empty_control_and_non_ascii_keys_are_refused(string key) =>
        Assert.Contains("Idempotency-Key", IdempotencyKey.Problem(key), StringComparison.Ordinal);

    [Fact]
    public async Task The_fingerprint_is_sha256_of_method_path_and_body_written_out_independently()
    {
        var body = "{\"key\":\"churn\"}"u8.ToArray();
        var expected = Convert.ToHexStringLower(SHA256.HashData([.. Encoding.UTF8.GetBytes("POST\n/api/v1/models?x=1\n"), .. body]));

        var actual = await IdempotencyKey.FingerprintAsync("post", "/api/v1/models?x=1", new MemoryStream(body), CancellationToken.None);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task A_different_body_or_path_gives_a_different_fingerprint()
    {
        static Task<string> Of(string path, string body) =>
            IdempotencyKey.FingerprintAsync("POST", path, new MemoryStream(Encoding.UTF8.GetBytes(body)), CancellationToken.None);

        var first = await Of("/api/v1/models", "{\"key\":\"a\"}");
        Assert.NotEqual(first, await Of("/api/v1/models", "{\"key\":\"b\"}"));
        Assert.NotEqual(first, await Of("/api/v1/teams", "{\"key\":\"a\"}"));
        Assert.Equal(first, await Of("/api/v1/models", "{\"key\":\"a\"}"));
    }
}
