using System.Security.Cryptography;
using System.Text;
using Portal.Domain.Tokens;

namespace Portal.Domain.Tests.Tokens;

public class ServiceTokenSecretTests
{
    [Fact]
    public void Secret_starts_with_the_portal_marker()
    {
        Assert.StartsWith("mgp_", ServiceTokenSecret.Create(), StringComparison.Ordinal);
        Assert.Equal("mgp_", ServiceTokenSecret.Marker);
    }

    [Fact]
    public void Secret_carries_256_random_bits_in_url_safe_base64_without_padding()
    {
        var secret = ServiceTokenSecret.Create();

        Assert.Matches("^mgp_[A-Za-z0-9_-]{43}$", secret);
    }

    [Fact]
    public void Secrets_are_unique()
    {
        var secrets = Enumerable.Range(0, 1000).Select(_ => ServiceTokenSecret.Create()).ToList();

        Assert.Equal(secrets.Count, secrets.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Hash_is_the_lower_case_sha256_hex_of_the_utf8_token()
    {
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ServiceTokenSecret.Hash("abc"));
    }

    [Fact]
    public void Hash_of_a_created_secret_matches_sha256_of_its_text()
    {
        var secret = ServiceTokenSecret.Create();
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

        Assert.Equal(expected, ServiceTokenSecret.Hash(secret));
    }

    [Fact]
    public void Hash_is_deterministic_and_differs_between_tokens()
    {
        var secret = ServiceTokenSecret.Create();

        Assert.Equal(ServiceTokenSecret.Hash(secret), ServiceTokenSecret.Hash(secret));
        Assert.NotEqual(ServiceTokenSecret.Hash(secret), ServiceTokenSecret.Hash(secret + "x"));
        Assert.NotEqual(ServiceTokenSecret.Hash(secret), ServiceTokenSecret.Hash(secret.ToUpperInvariant()));
    }

    [Fact]
    public void Hash_does_not_contain_the_secret()
    {
        var secret = ServiceTokenSecret.Create();

        Assert.DoesNotContain(secret[4..], ServiceTokenSecret.Hash(secret), StringComparison.Ordinal);
    }

    [Fact]
    public void Prefix_is_the_first_twelve_characters()
    {
        var secret = ServiceTokenSecret.Create();

        Assert.Equal(secret[..12], ServiceTokenSecret.PrefixOf(secret));
    }

    [Theory]
    [InlineData("")]
    [InlineData("mgp_short")]
    [InlineData("mgp_exactly1")]
    public void Prefix_of_a_short_token_is_the_whole_token(string token)
    {
        Assert.Equal(token, ServiceTokenSecret.PrefixOf(token));
    }
}
