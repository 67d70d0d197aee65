using System.Security.Cryptography;
using Portal.Domain.Audit;

namespace Portal.Domain.Tests.Audit;

/// <summary>
/// Pinned test vectors of the audit chain's canonical form v1 (issue 13, item 10): stored hashes and exported digests depend
/// on it, so any change of serialization must fail here. Inputs, the expected canonical bytes and their SHA-256 are written
/// out literally (computed independently of the portal's code, from the format's description).
/// </summary>
public class AuditChainVectorTests
{
    private const string FirstCanonical =
        "01" + "0000000000000001" + "08dd589f963b6e00"
        + "00000006" + "757365722d31" + "00000006" + "557365722031" + "0000000d" + "4d6f64656c2e55706461746564"
        + "00000005" + "4d6f64656c" + "00000007" + "4d4f44454c2d31" + "00000007" + "4d4f44454c2d31"
        + "00000013" + "7b226e616d65223a226265666f72652031227d" + "00000012" + "7b226e616d65223a2261667465722031227d"
        + "0000000000000000000000000000000000000000000000000000000000000000";

    private const string FirstHash = "37a53208eab9a7176bc0d1d026a8c1f12b1050bd0964352774e0d488787233fc";

    private const string SecondCanonical =
        "01" + "0000000000000002" + "08df502cf651aa30"
        + "0000000a" + "736572766963653a6369" + "00000012" + "506970656c696e6520434920e2809420c3a9"
        + "0000000e" + "52656c656173652e5369676e6564" + "00000010" + "52656c656173655369676e6174757265"
        + "00000017" + "72656c656173652d373a726974613a417070726f766564" + "ffffffff" + "ffffffff"
        + "00000010" + "7b22726561736f6e223a22c3966b227d"
        + FirstHash;

    private const string SecondHash = "922bb3bd7efb5aca88a0b842c34338eceb8818bb5f428bdcdbab8093261fcbe2";

    private static readonly AuditEvent First = new()
    {
        Sequence = 1,
        OccurredAt = new DateTime(2025, 3, 1, 9, 1, 0, DateTimeKind.Utc),
        ActorId = "user-1",
        ActorName = "User 1",
        Action = "Model.Updated",
        EntityType = "Model",
        EntityId = "MODEL-1",
        ModelKey = "MODEL-1",
        Before = """{"name":"before 1"}""",
        After = """{"name":"after 1"}""",
        PreviousHash = AuditChain.GenesisHash,
    };

    /// <summary>Nulls, non-ASCII text (an em dash, é, Ö), milliseconds in the time, and a link to the first event's hash.</summary>
    private static readonly AuditEvent Second = new()
    {
        Sequence = 2,
        OccurredAt = new DateTime(2026, 12, 2, 4, 30, 15, 123, DateTimeKind.Utc),
        ActorId = "service:ci",
        ActorName = "Pipeline CI — é",
        Action = "Release.Signed",
        EntityType = "ReleaseSignature",
        EntityId = "release-7:rita:Approved",
        ModelKey = null,
        Before = null,
        After = """{"reason":"Ök"}""",
        PreviousHash = FirstHash,
    };

    [Fact]
    public void The_written_out_canonical_bytes_hash_to_the_pinned_values()
    {
        Assert.Equal(FirstHash, Convert.ToHexStringLower(SHA256.HashData(Convert.FromHexString(FirstCanonical))));
        Assert.Equal(SecondHash, Convert.ToHexStringLower(SHA256.HashData(Convert.FromHexString(SecondCanonical))));
    }

    [Fact]
    public void The_first_event_of_a_chain_hashes_to_its_pinned_value() => Assert.Equal(FirstHash, AuditChain.ComputeHash(First));

    [Fact]
    public void An_event_with_nulls_and_non_ascii_text_linked_to_the_first_hashes_to_its_pinned_value() =>
        Assert.Equal(SecondHash, AuditChain.ComputeHash(Second));
}
