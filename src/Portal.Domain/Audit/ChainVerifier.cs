using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Portal.Domain.Audit;

/// <summary>
/// Verifies events in sequence order. Each event must follow its predecessor by one, point at its hash, and hash to its own
/// stored value; an optional digest exported earlier must still match the event it names. Recomputing an event's hash needs
/// nothing but the event, so events are taken in batches whose hashes are recomputed on every core; the links between them
/// are then checked one after another, so the first broken event reported is the same as checking one event at a time.
/// </summary>
public sealed class ChainVerifier(ChainDigest? expected = null)
{
    /// <summary>Events hashed together: enough to keep every core busy, small enough that a break early in the chain stops soon.</summary>
    public const int BatchSize = 8192;

    /// <summary>Events each core takes at a time from a batch (about a millisecond of hashing).</summary>
    private const int EventsPerTask = 512;

    /// <summary>
    /// Events read from a stream before they are handed to the other core to hash. Small, so that the events waiting for their
    /// hash die young: holding thousands makes the garbage collector promote them, which cost more than the hashing saved.
    /// </summary>
    public const int StreamBatchSize = 512;

    private long lastSequence;
    private string lastHash = AuditChain.GenesisHash;

    public long EventCount => lastSequence;

    public ChainVerification? Broken { get; private set; }

    /// <summary>Checks the next event; answers false once the chain is broken.</summary>
    public bool Accept(AuditEvent audit) => Accept(audit, HashMatches(audit));

    /// <summary>Checks the next events in order, their hashes recomputed in parallel first; answers false once the chain is broken.</summary>
    public bool Accept(IReadOnlyList<AuditEvent> batch) => AcceptHashed(batch, HashChecks(batch));

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
        foreach (var batch in events.Chunk(BatchSize))
        {
            if (!verifier.Accept(batch))
            {
                break;
            }
        }
        return verifier.Complete();
    }

    /// <summary>
    /// Verifies a stream (such as rows read from the database): while one small batch is hashed on another core, the next one
    /// is read, so reading (the slower part) keeps its core and hashing overlaps it; the links are checked in order as each
    /// batch's hashes are ready.
    /// </summary>
    public static async Task<ChainVerification> VerifyAsync(IAsyncEnumerable<AuditEvent> events, ChainDigest? expected = null,
        CancellationToken cancellationToken = default)
    {
        var verifier = new ChainVerifier(expected);
        (AuditEvent[] Events, Task<bool[]> Hashes)? hashing = null;
        var reading = new List<AuditEvent>(StreamBatchSize);
        await foreach (var audit in events.WithCancellation(cancellationToken))
        {
            reading.Add(audit);
            if (reading.Count < StreamBatchSize)
            {
                continue;
            }
            if (hashing is { } previous && !verifier.AcceptHashed(previous.Events, await previous.Hashes))
            {
                return verifier.Complete();
            }
            var batch = reading.ToArray();
            hashing = (batch, Task.Run(() => HashInOrder(batch), cancellationToken));
            reading.Clear();
        }
        if (hashing is { } last && !verifier.AcceptHashed(last.Events, await last.Hashes))
        {
            return verifier.Complete();
        }
        verifier.AcceptHashed(reading, HashInOrder(reading));
        return verifier.Complete();
    }

    private bool AcceptHashed(IReadOnlyList<AuditEvent> batch, bool[] hashMatches)
    {
        for (var i = 0; i < batch.Count; i++)
        {
            if (!Accept(batch[i], hashMatches[i]))
            {
                return false;
            }
        }
        return true;
    }

    private bool Accept(AuditEvent audit, bool hashMatches)
    {
        if (Broken is not null)
        {
            return false;
        }
        var problem = FindProblem(audit, hashMatches);
        if (problem is not null)
        {
            Broken = new ChainVerification(false, lastSequence, audit.Sequence, problem);
            return false;
        }
        lastSequence = audit.Sequence;
        lastHash = audit.Hash;
        return true;
    }

    /// <summary>Whether each event's content hashes to its stored hash, computed on every core.</summary>
    private static bool[] HashChecks(IReadOnlyList<AuditEvent> batch)
    {
        var matches = new bool[batch.Count];
        if (batch.Count <= EventsPerTask)
        {
            HashRange(batch, matches, 0, batch.Count);
            return matches;
        }
        Parallel.ForEach(Partitioner.Create(0, batch.Count, EventsPerTask), range => HashRange(batch, matches, range.Item1, range.Item2));
        return matches;
    }

    private static bool[] HashInOrder(IReadOnlyList<AuditEvent> batch)
    {
        var matches = new bool[batch.Count];
        HashRange(batch, matches, 0, batch.Count);
        return matches;
    }

    private static void HashRange(IReadOnlyList<AuditEvent> batch, bool[] matches, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            matches[i] = HashMatches(batch[i]);
        }
    }

    private static bool HashMatches(AuditEvent audit)
    {
        Span<byte> actual = stackalloc byte[SHA256.HashSizeInBytes];
        AuditChain.ComputeHash(audit, actual);
        Span<byte> stored = stackalloc byte[SHA256.HashSizeInBytes];
        return audit.Hash.Length == stored.Length * 2
            && Convert.FromHexString(audit.Hash, stored, out _, out _) == System.Buffers.OperationStatus.Done
            && actual.SequenceEqual(stored);
    }

    private string? FindProblem(AuditEvent audit, bool hashMatches)
    {
        if (audit.Sequence != lastSequence + 1)
        {
            return $"expected event {lastSequence + 1} next, found event {audit.Sequence} (an event was removed or inserted)";
        }
        if (!string.Equals(audit.PreviousHash, lastHash, StringComparison.Ordinal))
        {
            return "its previous-hash does not match the hash of the event before it";
        }
        if (!hashMatches)
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
