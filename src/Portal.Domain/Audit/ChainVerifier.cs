using System.Security.Cryptography;

namespace Portal.Domain.Audit;

/// <summary>
/// Verifies events streamed in sequence order. Each event must follow its predecessor by one,
/// point at its hash, and hash to its own stored value; an optional digest exported earlier must
/// still match the event it names.
/// </summary>
public sealed class ChainVerifier(ChainDigest? expected = null)
{
    private long lastSequence;
    private string lastHash = AuditChain.GenesisHash;

    public long EventCount => lastSequence;

    public ChainVerification? Broken { get; private set; }

    /// <summary>Checks the next event; answers false once the chain is broken.</summary>
    public bool Accept(AuditEvent audit)
    {
        if (Broken is not null)
        {
            return false;
        }
        var problem = FindProblem(audit);
        if (problem is not null)
        {
            Broken = new ChainVerification(false, lastSequence, audit.Sequence, problem);
            return false;
        }
        lastSequence = audit.Sequence;
        lastHash = audit.Hash;
        return true;
    }

    public ChainVerification Complete()
    {
        if (Broken is not null)
        {
            return Broken;
        }
        if (expected is { Sequence: 0 } && !string.Equals(expected.Hash, AuditChain.GenesisHash, StringComparison.OrdinalIgnoreCase))
        {
            return new ChainVerification(false, lastSequence, 1, "the exported digest names the genesis with a hash that is not the genesis hash");
        }
        if (expected is not null && expected.Sequence > lastSequence)
        {
            return new ChainVerification(false, lastSequence, lastSequence + 1,
                $"the exported digest names event {expected.Sequence}, but the chain ends at event {lastSequence}");
        }
        return new ChainVerification(true, lastSequence, null, null);
    }

    public static ChainVerification Verify(IEnumerable<AuditEvent> events, ChainDigest? expected = null)
    {
        var verifier = new ChainVerifier(expected);
        foreach (var audit in events)
        {
            if (!verifier.Accept(audit))
            {
                break;
            }
        }
        return verifier.Complete();
    }

    private string? FindProblem(AuditEvent audit)
    {
        if (audit.Sequence != lastSequence + 1)
        {
            return $"expected event {lastSequence + 1} next, found event {audit.Sequence} (an event was removed or inserted)";
        }
        if (!string.Equals(audit.PreviousHash, lastHash, StringComparison.Ordinal))
        {
            return "its previous-hash does not match the hash of the event before it";
        }
        Span<byte> actual = stackalloc byte[SHA256.HashSizeInBytes];
        AuditChain.ComputeHash(audit, actual);
        Span<byte> stored = stackalloc byte[SHA256.HashSizeInBytes];
        if (audit.Hash.Length != stored.Length * 2
            || Convert.FromHexString(audit.Hash, stored, out _, out _) != System.Buffers.OperationStatus.Done
            || !actual.SequenceEqual(stored))
        {
            return "its content does not match its stored hash (the event was altered)";
        }
        if (expected is not null && audit.Sequence == expected.Sequence
            && !string.Equals(audit.Hash, expected.Hash, StringComparison.OrdinalIgnoreCase))
        {
            return "its hash differs from the digest exported earlier (the chain was rewritten)";
        }
        return null;
    }
}
