using System.Security.Cryptography;
using Portal.Domain.Audit;

namespace Portal.Domain.Tests.Audit;

public class AuditChainTests
{
    private static readonly EventFields Base = EventFields.Sample(1);

    private static string HashOf(EventFields fields, long sequence = 1, string previousHash = AuditChain.GenesisHash) =>
        AuditChain.ComputeHash(fields.ToEvent(sequence, previousHash));

    [Fact]
    public void Append_numbers_the_event_after_its_predecessor_and_links_to_its_hash()
    {
        var first = Base.ToEvent();
        AuditChain.Append(first, 0, AuditChain.GenesisHash);
        var second = EventFields.Sample(2).ToEvent();

        AuditChain.Append(second, first.Sequence, first.Hash);

        Assert.Equal(1, first.Sequence);
        Assert.Equal(AuditChain.GenesisHash, first.PreviousHash);
        Assert.Equal(2, second.Sequence);
        Assert.Equal(first.Hash, second.PreviousHash);
        Assert.Equal(AuditChain.ComputeHash(second), second.Hash);
    }

    [Fact]
    public void Hash_is_64_lower_case_hex_characters()
    {
        var hash = HashOf(Base);

        Assert.Matches("^[0-9a-f]{64}$", hash);
    }

    [Fact]
    public void Hash_is_deterministic_for_equal_events()
    {
        Assert.Equal(HashOf(Base), HashOf(Base));
        Assert.Equal(HashOf(Base), HashOf(Base with { }));
    }

    [Fact]
    public void Hash_written_into_a_span_matches_the_hex_hash()
    {
        var audit = Base.ToEvent(1);
        Span<byte> raw = stackalloc byte[SHA256.HashSizeInBytes];

        AuditChain.ComputeHash(audit, raw);

        Assert.Equal(AuditChain.ComputeHash(audit), Convert.ToHexStringLower(raw));
    }

    [Theory]
    [MemberData(nameof(Fields))]
    public void Hash_changes_when_any_field_changes(string field)
    {
        Assert.NotEqual(HashOf(Base), HashOf(Base.WithAltered(field)));
    }

    public static TheoryData<string> Fields() => new(TestChain.HashedFields);

    [Fact]
    public void Hash_covers_the_sequence_number()
    {
        Assert.NotEqual(HashOf(Base, sequence: 1), HashOf(Base, sequence: 2));
    }

    [Fact]
    public void Hash_covers_the_previous_hash()
    {
        var other = new string('a', 64);

        Assert.NotEqual(HashOf(Base), HashOf(Base, previousHash: other));
    }

    [Fact]
    public void Hash_differs_when_text_moves_from_entity_type_to_entity_id()
    {
        var abc = Base with { EntityType = "ab", EntityId = "c" };
        var aBc = Base with { EntityType = "a", EntityId = "bc" };

        Assert.NotEqual(HashOf(abc), HashOf(aBc));
    }

    [Fact]
    public void Hash_differs_when_text_moves_from_actor_id_to_actor_name()
    {
        var first = Base with { ActorId = "alice", ActorName = "" };
        var second = Base with { ActorId = "", ActorName = "alice" };

        Assert.NotEqual(HashOf(first), HashOf(second));
    }

    [Fact]
    public void Hash_differs_when_a_value_moves_from_before_to_after()
    {
        var before = Base with { Before = "x", After = null };
        var after = Base with { Before = null, After = "x" };

        Assert.NotEqual(HashOf(before), HashOf(after));
    }

    [Fact]
    public void Hash_differs_between_a_null_and_an_empty_model_key()
    {
        Assert.NotEqual(HashOf(Base with { ModelKey = null }), HashOf(Base with { ModelKey = "" }));
    }

    [Fact]
    public void Hash_differs_between_a_null_and_an_empty_before()
    {
        Assert.NotEqual(HashOf(Base with { Before = null }), HashOf(Base with { Before = "" }));
    }

    [Fact]
    public void Large_events_hash_deterministically_and_chain_verifies()
    {
        // Over 1 KiB of canonical bytes, with multi-byte characters, takes the pooled-buffer path.
        var large = Base with { Before = string.Concat(Enumerable.Repeat("ünïcødé ✓ 🔒 ", 400)), After = new string('x', 5000) };

        var chain = TestChain.Seal([large, EventFields.Sample(2), large]);

        Assert.Equal(HashOf(large), HashOf(large));
        Assert.True(ChainVerifier.Verify(chain).Intact);
        Assert.NotEqual(HashOf(large), HashOf(large with { After = new string('x', 4999) + "y" }));
    }

    [Fact]
    public void Hashing_an_event_with_a_malformed_previous_hash_does_not_throw()
    {
        var hash = HashOf(Base, previousHash: "not a hash");

        Assert.Matches("^[0-9a-f]{64}$", hash);
    }
}
