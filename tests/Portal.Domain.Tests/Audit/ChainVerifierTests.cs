using Portal.Domain.Audit;

namespace Portal.Domain.Tests.Audit;

public class ChainVerifierTests
{
    private const int Length = 5;

    [Fact]
    public void Intact_chain_verifies_with_its_event_count()
    {
        var result = ChainVerifier.Verify(TestChain.Build(Length));

        Assert.True(result.Intact);
        Assert.Equal(Length, result.EventCount);
        Assert.Null(result.FirstBrokenEventId);
        Assert.Null(result.Problem);
        Assert.Equal("Chain intact up to event 5.", result.Summary);
        Assert.Equal("Checked the whole chain: all 5 events, 1 to 5, each hash recomputed from the event's content and the hash before it.", result.Checked);
    }

    [Fact]
    public void A_broken_chain_says_it_was_checked_from_the_first_event_up_to_the_break()
    {
        var chain = TestChain.Build(Length);
        chain[2] = TestChain.Tamper(chain[2], fields => fields.WithAltered(TestChain.HashedFields.First()));

        var result = ChainVerifier.Verify(chain);

        Assert.Equal("Checked the whole chain from event 1; every event before event 3 is intact.", result.Checked);
    }

    [Fact]
    public void Empty_chain_is_intact_with_no_events()
    {
        var result = ChainVerifier.Verify([]);

        Assert.True(result.Intact);
        Assert.Equal(0, result.EventCount);
        Assert.Equal("Checked the whole chain: it holds no events yet.", result.Checked);
    }

    [Fact]
    public void Empty_chain_is_intact_against_the_empty_digest()
    {
        var result = ChainVerifier.Verify([], ChainDigest.Empty);

        Assert.True(result.Intact);
        Assert.Equal(0, result.EventCount);
    }

    [Theory]
    [MemberData(nameof(FieldsAndPositions))]
    public void Altering_a_field_of_an_event_breaks_the_chain_at_that_event(string field, int position)
    {
        var chain = TestChain.Build(Length);
        chain[position - 1] = TestChain.Tamper(chain[position - 1], fields => fields.WithAltered(field));

        var result = ChainVerifier.Verify(chain);

        Assert.False(result.Intact);
        Assert.Equal(position, result.FirstBrokenEventId);
        Assert.Equal(position - 1, result.EventCount);
        Assert.Contains("altered", result.Problem, StringComparison.Ordinal);
        Assert.StartsWith($"Chain broken at event {position}:", result.Summary, StringComparison.Ordinal);
    }

    public static TheoryData<string, int> FieldsAndPositions()
    {
        var data = new TheoryData<string, int>();
        foreach (var field in TestChain.HashedFields)
        {
            foreach (var position in new[] { 1, 3, Length })
            {
                data.Add(field, position);
            }
        }
        return data;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(Length)]
    public void Replacing_the_stored_hash_of_an_event_breaks_the_chain_at_that_event(int position)
    {
        var chain = TestChain.Build(Length);
        chain[position - 1].Hash = new string('f', 64);

        var result = ChainVerifier.Verify(chain);

        Assert.False(result.Intact);
        Assert.Equal(position, result.FirstBrokenEventId);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Changing_the_previous_hash_of_an_event_breaks_the_chain_at_that_event(int position)
    {
        var chain = TestChain.Build(Length);
        chain[position - 1].PreviousHash = new string('e', 64);

        var result = ChainVerifier.Verify(chain);

        Assert.False(result.Intact);
        Assert.Equal(position, result.FirstBrokenEventId);
        Assert.Contains("previous-hash", result.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-hash")]
    [InlineData("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde")]
    public void Malformed_stored_hash_is_reported_not_thrown(string malformed)
    {
        var chain = TestChain.Build(Length);
        chain[2].Hash = malformed;

        var result = ChainVerifier.Verify(chain);

        Assert.False(result.Intact);
        Assert.Equal(3, result.FirstBrokenEventId);
    }

    [Fact]
    public void Malformed_stored_previous_hash_is_reported_not_thrown()
    {
        var chain = TestChain.Build(Length);
        chain[0].PreviousHash = "garbage";

        var result = ChainVerifier.Verify(chain);

        Assert.False(result.Intact);
        Assert.Equal(1, result.FirstBrokenEventId);
    }

    [Fact]
    public void Removing_an_event_from_the_middle_is_detected()
    {
        var chain = TestChain.Build(Length);
        chain.RemoveAt(2);

        var result = ChainVerifier.Verify(chain);

        Assert.False(result.Intact);
        Assert.Equal(2, result.EventCount);
        // Event 4 is the first one that does not follow its predecessor.
        Assert.Equal(4, result.FirstBrokenEventId);
        Assert.Contains("removed", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Removing_the_first_event_is_detected()
    {
        var chain = TestChain.Build(Length);
        chain.RemoveAt(0);

        var result = ChainVerifier.Verify(chain);

        Assert.False(result.Intact);
        Assert.Equal(0, result.EventCount);
    }

    [Fact]
    public void Removing_the_last_event_is_detected_against_a_digest_exported_before()
    {
        var chain = TestChain.Build(Length);
        var digest = TestChain.DigestOf(chain);
        chain.RemoveAt(chain.Count - 1);

        var result = ChainVerifier.Verify(chain, digest);

        Assert.False(result.Intact);
        Assert.Equal(Length - 1, result.EventCount);
        Assert.Equal(Length, result.FirstBrokenEventId);
    }

    [Fact]
    public void Removing_an_event_and_renumbering_the_rest_is_detected()
    {
        var chain = TestChain.Build(Length);
        chain.RemoveAt(2);
        chain[2].Sequence = 3;
        chain[3].Sequence = 4;

        var result = ChainVerifier.Verify(chain);

        Assert.False(result.Intact);
        Assert.Equal(3, result.FirstBrokenEventId);
    }

    [Fact]
    public void Swapping_two_events_is_detected()
    {
        var chain = TestChain.Build(Length);
        (chain[1], chain[2]) = (chain[2], chain[1]);

        var result = ChainVerifier.Verify(chain);

        Assert.False(result.Intact);
        Assert.Equal(1, result.EventCount);
    }

    [Fact]
    public void Swapping_the_content_of_two_events_while_keeping_their_numbers_is_detected()
    {
        var chain = TestChain.Build(Length);
        var second = chain[1];
        var third = chain[2];
        chain[1] = EventFields.Of(third).ToEvent(2, third.PreviousHash, third.Hash);
        chain[2] = EventFields.Of(second).ToEvent(3, second.PreviousHash, second.Hash);

        var result = ChainVerifier.Verify(chain);

        Assert.False(result.Intact);
        Assert.Equal(2, result.FirstBrokenEventId);
    }

    [Fact]
    public void Inserting_a_correctly_hashed_event_is_detected_at_the_event_it_displaces()
    {
        var chain = TestChain.Build(Length);
        var forged = EventFields.Sample(99).ToEvent();
        AuditChain.Append(forged, chain[1].Sequence, chain[1].Hash);
        chain.Insert(2, forged);

        var result = ChainVerifier.Verify(chain);

        Assert.False(result.Intact);
        Assert.Equal(3, result.EventCount);
        Assert.Equal(3, result.FirstBrokenEventId);
    }

    [Fact]
    public void Inserting_an_event_and_renumbering_the_rest_is_detected()
    {
        var chain = TestChain.Build(Length);
        var forged = EventFields.Sample(99).ToEvent();
        AuditChain.Append(forged, chain[1].Sequence, chain[1].Hash);
        chain.Insert(2, forged);
        for (var i = 3; i < chain.Count; i++)
        {
            chain[i].Sequence = i + 1;
        }

        var result = ChainVerifier.Verify(chain);

        Assert.False(result.Intact);
        Assert.Equal(4, result.FirstBrokenEventId);
    }

    [Fact]
    public void Replaying_an_event_twice_is_detected()
    {
        var chain = TestChain.Build(Length);
        chain.Insert(2, TestChain.Copy(chain[1]));

        var result = ChainVerifier.Verify(chain);

        Assert.False(result.Intact);
        Assert.Equal(2, result.EventCount);
    }

    [Fact]
    public void Rewritten_chain_verifies_intact_on_its_own()
    {
        var original = TestChain.Build(Length);

        var rewritten = Rewrite(original, position: 2);

        Assert.True(ChainVerifier.Verify(rewritten).Intact);
        Assert.NotEqual(original[^1].Hash, rewritten[^1].Hash);
    }

    [Fact]
    public void Rewritten_chain_is_detected_against_a_digest_exported_before_the_rewrite()
    {
        var original = TestChain.Build(Length);
        var digest = TestChain.DigestOf(original);

        var result = ChainVerifier.Verify(Rewrite(original, position: 2), digest);

        Assert.False(result.Intact);
        Assert.Equal(Length, result.FirstBrokenEventId);
        Assert.Contains("rewritten", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Rewrite_before_an_earlier_digest_is_detected_at_the_digest_event()
    {
        var original = TestChain.Build(Length);
        var digest = new ChainDigest(original[2].Sequence, original[2].Hash);

        var result = ChainVerifier.Verify(Rewrite(original, position: 2), digest);

        Assert.False(result.Intact);
        Assert.Equal(3, result.FirstBrokenEventId);
        Assert.Equal(2, result.EventCount);
    }

    [Fact]
    public void Chain_that_grew_after_a_digest_still_verifies_against_it()
    {
        var chain = TestChain.Build(Length);
        var digest = TestChain.DigestOf(chain.Take(3).ToList());

        var result = ChainVerifier.Verify(chain, digest);

        Assert.True(result.Intact);
        Assert.Equal(Length, result.EventCount);
    }

    [Fact]
    public void Digest_matches_regardless_of_the_case_of_its_hash()
    {
        var chain = TestChain.Build(Length);
        var digest = new ChainDigest(Length, chain[^1].Hash.ToUpperInvariant());

        Assert.True(ChainVerifier.Verify(chain, digest).Intact);
    }

    [Fact]
    public void Digest_naming_an_event_beyond_the_end_of_the_chain_is_reported()
    {
        var chain = TestChain.Build(3);
        var digest = new ChainDigest(5, new string('a', 64));

        var result = ChainVerifier.Verify(chain, digest);

        Assert.False(result.Intact);
        Assert.Equal(3, result.EventCount);
        Assert.Equal(4, result.FirstBrokenEventId);
        Assert.Contains("event 5", result.Problem, StringComparison.Ordinal);
        Assert.Contains("ends at event 3", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Digest_of_the_genesis_with_a_different_hash_is_reported()
    {
        // The genesis (event 0) has a known hash; a digest naming it with any other hash cannot have come from this chain.
        var digest = new ChainDigest(0, new string('a', 64));

        var result = ChainVerifier.Verify(TestChain.Build(Length), digest);

        Assert.False(result.Intact);
    }

    [Fact]
    public void Empty_chain_against_a_digest_naming_an_event_is_reported()
    {
        var result = ChainVerifier.Verify([], new ChainDigest(1, new string('a', 64)));

        Assert.False(result.Intact);
        Assert.Equal(0, result.EventCount);
    }

    [Fact]
    public void Streaming_verifier_refuses_every_event_after_the_first_break()
    {
        var chain = TestChain.Build(Length);
        chain[1] = TestChain.Tamper(chain[1], fields => fields.WithAltered(nameof(EventFields.ActorName)));
        var verifier = new ChainVerifier();

        var accepted = chain.Select(verifier.Accept).ToList();

        Assert.Equal(new[] { true, false, false, false, false }, accepted);
        Assert.Equal(1, verifier.EventCount);
        Assert.Equal(2, verifier.Broken?.FirstBrokenEventId);
        Assert.Same(verifier.Broken, verifier.Complete());
    }

    /// <summary>Changes the event at <paramref name="position"/> and re-seals every event, as a forger with the table would.</summary>
    private static List<AuditEvent> Rewrite(IEnumerable<AuditEvent> chain, int position) =>
        TestChain.Seal(chain.Select((audit, index) => index + 1 == position
            ? EventFields.Of(audit).WithAltered(nameof(EventFields.After))
            : EventFields.Of(audit)));
}
