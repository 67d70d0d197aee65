using System.Text.Json;
using Portal.Domain.Audit;

namespace Portal.Domain.EvidencePackages;

/// <summary>
/// Checks a model's audit-trail slice against the chain without the portal. <c>audit/events.json</c> holds the slice's events in
/// full, in sequence order; <c>audit/chain.json</c> holds a <see cref="ChainLink"/> for every event of the global chain from the
/// first slice event to the head (other models' events appear there without content). Every slice event's hash is recomputed
/// and must equal its link, every link must point at the hash of the one before it, the last link must be the head the
/// manifest names, and a digest kept outside the portal must match the link at its sequence. Both files are read as streams,
/// so memory does not grow with the slice.
/// </summary>
public sealed class AuditSliceVerifier(string modelKey, long headSequence, string headHash, ChainDigest? digest)
{
    private const int MaxProblems = 20;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly List<string> problems = [];

    public IReadOnlyList<string> Problems => problems;

    public long EventsChecked { get; private set; }

    public long LinksChecked { get; private set; }

    public async Task VerifyAsync(Stream events, Stream chain, CancellationToken cancellationToken = default)
    {
        try
        {
            await WalkAsync(events, chain, cancellationToken);
        }
        catch (JsonException e)
        {
            Add($"{EvidencePackageFormat.AuditEvents} or {EvidencePackageFormat.AuditChain} is not valid JSON ({e.Message})");
        }
    }

    private async Task WalkAsync(Stream events, Stream chain, CancellationToken cancellationToken)
    {
        await using var slice = JsonSerializer.DeserializeAsyncEnumerable<AuditEvent>(events, Json, cancellationToken).GetAsyncEnumerator(cancellationToken);
        var pending = await NextAsync(slice);
        ChainLink? previous = null;
        await foreach (var link in JsonSerializer.DeserializeAsyncEnumerable<ChainLink>(chain, Json, cancellationToken))
        {
            if (link is null)
            {
                Add($"{EvidencePackageFormat.AuditChain}: a link is null");
                return;
            }
            if (problems.Count >= MaxProblems)
            {
                return;
            }
            CheckLink(previous, link);
            while (pending is not null && pending.Sequence <= link.Sequence)
            {
                CheckEvent(pending, link);
                pending = await NextAsync(slice);
            }
            previous = link;
            LinksChecked++;
        }
        if (pending is not null)
        {
            Add($"{EvidencePackageFormat.AuditEvents}: event {pending.Sequence} lies beyond the chain's last link ({previous?.Sequence ?? 0})");
        }
        CheckHead(previous);
    }

    private async Task<AuditEvent?> NextAsync(IAsyncEnumerator<AuditEvent?> slice)
    {
        if (!await slice.MoveNextAsync())
        {
            return null;
        }
        EventsChecked++;
        return slice.Current ?? throw new JsonException("an event is null");
    }

    private void CheckLink(ChainLink? previous, ChainLink link)
    {
        if (previous is null)
        {
            if (link.Sequence == 1 && link.PreviousHash != AuditChain.GenesisHash)
            {
                Add($"{EvidencePackageFormat.AuditChain}: event 1 does not start from the genesis hash");
            }
        }
        else if (link.Sequence != previous.Sequence + 1)
        {
            Add($"{EvidencePackageFormat.AuditChain}: expected event {previous.Sequence + 1} after event {previous.Sequence}, found event {link.Sequence} (a link was removed or inserted)");
        }
        else if (!string.Equals(link.PreviousHash, previous.Hash, StringComparison.Ordinal))
        {
            Add($"{EvidencePackageFormat.AuditChain}: event {link.Sequence} does not point at the hash of event {previous.Sequence}");
        }
        if (digest is not null && link.Sequence == digest.Sequence && !string.Equals(link.Hash, digest.Hash, StringComparison.OrdinalIgnoreCase))
        {
            Add($"{EvidencePackageFormat.AuditChain}: event {link.Sequence} has hash {link.Hash}, but the digest says {digest.Hash} (the chain was rewritten)");
        }
    }

    private void CheckEvent(AuditEvent audit, ChainLink link)
    {
        var where = $"{EvidencePackageFormat.AuditEvents}: event {audit.Sequence} ({audit.Action})";
        if (audit.Sequence != link.Sequence)
        {
            Add($"{where} is not in the chain's links, or is out of order");
            return;
        }
        if (!string.Equals(audit.ModelKey, modelKey, StringComparison.Ordinal))
        {
            Add($"{where} belongs to model '{audit.ModelKey}', not '{modelKey}'");
        }
        if (!string.Equals(AuditChain.ComputeHash(audit), audit.Hash, StringComparison.Ordinal))
        {
            Add($"{where}: its content does not match its hash (the event was altered)");
        }
        else if (!string.Equals(audit.Hash, link.Hash, StringComparison.Ordinal) || !string.Equals(audit.PreviousHash, link.PreviousHash, StringComparison.Ordinal))
        {
            Add($"{where}: its hashes differ from the chain's link for event {link.Sequence}");
        }
    }

    private void CheckHead(ChainLink? last)
    {
        var lastSequence = last?.Sequence ?? 0;
        var lastHash = last?.Hash ?? AuditChain.GenesisHash;
        if (lastSequence != headSequence || !string.Equals(lastHash, headHash, StringComparison.Ordinal))
        {
            Add($"{EvidencePackageFormat.AuditChain}: the chain ends at event {lastSequence}, but the manifest names head event {headSequence} with another hash");
        }
        if (digest is not null && digest.Sequence > lastSequence)
        {
            Add($"the digest names event {digest.Sequence}, after this package's head (event {lastSequence}); use a digest exported before the package was built");
        }
        else if (digest is not null && digest.Sequence > 0 && LinksChecked > 0 && digest.Sequence < lastSequence - LinksChecked + 1)
        {
            Add($"the digest names event {digest.Sequence}, before this package's first linked event ({lastSequence - LinksChecked + 1}), so the package cannot be checked against it");
        }
    }

    private void Add(string problem)
    {
        if (problems.Count < MaxProblems)
        {
            problems.Add(problem);
        }
    }
}
