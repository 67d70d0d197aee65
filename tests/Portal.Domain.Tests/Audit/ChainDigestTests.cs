using Portal.Domain.Audit;

namespace Portal.Domain.Tests.Audit;

public class ChainDigestTests
{
    private static readonly string SomeHash = AuditChain.ComputeHash(EventFields.Sample(1).ToEvent(1));

    [Fact]
    public void Digest_text_names_the_format_sequence_and_hash()
    {
        var digest = new ChainDigest(42, SomeHash);

        Assert.Equal($"mgp-audit-v1:42:{SomeHash}", digest.ToString());
    }

    [Fact]
    public void Digest_round_trips_through_its_text()
    {
        var digest = new ChainDigest(42, SomeHash);

        Assert.True(ChainDigest.TryParse(digest.ToString(), out var parsed));
        Assert.Equal(digest, parsed);
    }

    [Fact]
    public void Empty_digest_round_trips_through_its_text()
    {
        Assert.True(ChainDigest.TryParse(ChainDigest.Empty.ToString(), out var parsed));
        Assert.Equal(ChainDigest.Empty, parsed);
        Assert.Equal(0, parsed.Sequence);
        Assert.Equal(AuditChain.GenesisHash, parsed.Hash);
    }

    [Fact]
    public void Digest_of_a_real_chain_round_trips_and_verifies_it()
    {
        var chain = TestChain.Build(4);
        var text = TestChain.DigestOf(chain).ToString();

        Assert.True(ChainDigest.TryParse(text, out var parsed));
        Assert.True(ChainVerifier.Verify(chain, parsed).Intact);
    }

    [Fact]
    public void Parsing_ignores_surrounding_whitespace()
    {
        Assert.True(ChainDigest.TryParse($"  mgp-audit-v1:7:{SomeHash}\r\n", out var parsed));
        Assert.Equal(new ChainDigest(7, SomeHash), parsed);
    }

    [Fact]
    public void Parsing_lower_cases_the_hash()
    {
        Assert.True(ChainDigest.TryParse($"mgp-audit-v1:7:{SomeHash.ToUpperInvariant()}", out var parsed));
        Assert.Equal(SomeHash, parsed.Hash);
    }

    [Fact]
    public void Parsing_accepts_the_largest_eighteen_digit_sequence()
    {
        Assert.True(ChainDigest.TryParse($"mgp-audit-v1:999999999999999999:{SomeHash}", out var parsed));
        Assert.Equal(999_999_999_999_999_999, parsed.Sequence);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("garbage")]
    [InlineData("mgp-audit-v1")]
    [InlineData("mgp-audit-v1:7")]
    [InlineData("mgp-audit-v1:7:")]
    [InlineData("mgp-audit-v2:7:{hash}")]
    [InlineData("MGP-AUDIT-V1:7:{hash}")]
    [InlineData("mgp-audit-v1:-7:{hash}")]
    [InlineData("mgp-audit-v1::{hash}")]
    [InlineData("mgp-audit-v1:seven:{hash}")]
    [InlineData("mgp-audit-v1:1234567890123456789:{hash}")]
    [InlineData("mgp-audit-v1:7:{hash}a")]
    [InlineData("mgp-audit-v1:7:{short}")]
    [InlineData("mgp-audit-v1:7:{nonhex}")]
    [InlineData("mgp-audit-v1:7:{hash}:extra")]
    [InlineData("prefix mgp-audit-v1:7:{hash}")]
    [InlineData("mgp-audit-v1: 7:{hash}")]
    public void Parsing_rejects_malformed_text(string? template)
    {
        var text = template?
            .Replace("{hash}", SomeHash, StringComparison.Ordinal)
            .Replace("{short}", SomeHash[..63], StringComparison.Ordinal)
            .Replace("{nonhex}", "g" + SomeHash[1..], StringComparison.Ordinal);

        Assert.False(ChainDigest.TryParse(text, out var parsed));
        Assert.Equal(ChainDigest.Empty, parsed);
    }

    [Theory]
    [InlineData("\u0663")] // ARABIC-INDIC DIGIT THREE
    [InlineData("\uff17")] // FULLWIDTH DIGIT SEVEN
    [InlineData("1\u0968")] // DEVANAGARI DIGIT TWO
    public void Parsing_rejects_a_sequence_in_non_ascii_digits_instead_of_throwing(string sequence)
    {
        var text = $"mgp-audit-v1:{sequence}:{SomeHash}";

        var parsed = ChainDigest.TryParse(text, out var digest);

        Assert.False(parsed);
        Assert.Equal(ChainDigest.Empty, digest);
    }
}
