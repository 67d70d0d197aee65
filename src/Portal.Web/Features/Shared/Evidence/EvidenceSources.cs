using Portal.Domain.Access;
using Portal.Domain.Audits;

namespace Portal.Web.Features.Shared.Evidence;

/// <summary>The registered evidence sources by kind: captures a link's snapshot, lists the kinds and their choices.</summary>
public sealed class EvidenceSources(IEnumerable<IEvidenceSource> sources)
{
    private readonly Dictionary<string, IEvidenceSource> byKind = sources.ToDictionary(s => s.Kind, StringComparer.Ordinal);

    public IReadOnlyList<EvidenceKindView> Kinds => [.. byKind.Values.Select(s => new EvidenceKindView(s.Kind, s.Label, s.ReferenceHelp))];

    public Task<IReadOnlyList<EvidenceChoice>> ChoicesAsync(Actor actor, string modelKey, string kind, CancellationToken cancellationToken) =>
        Source(kind, "kind").ChoicesAsync(actor, modelKey, cancellationToken);

    /// <summary>
    /// Freezes each requested link of the model, in order. A link naming an unknown kind or a record the model does not have is
    /// bad input (400, naming it, nothing captured); a record the person may not read is refused (403).
    /// </summary>
    public async Task<IReadOnlyList<EvidenceSnapshot>> CaptureAsync(Actor actor, string modelKey, IReadOnlyList<EvidenceRequest> requests,
        CancellationToken cancellationToken)
    {
        if (requests.Count > EvidenceLink.MaxPerAnswer)
        {
            throw InputRejectedException.For("evidence", $"An answer links at most {EvidenceLink.MaxPerAnswer} records.");
        }
        var snapshots = new List<EvidenceSnapshot>();
        for (var i = 0; i < requests.Count; i++)
        {
            var field = $"evidence[{i}]";
            var (kind, reference) = (requests[i].Kind?.Trim() ?? "", requests[i].Reference?.Trim() ?? "");
            if (reference.Length == 0 || reference.Length > EvidenceLink.ReferenceMaxLength || Domain.QueryText.HasControlCharacter(reference))
            {
                throw InputRejectedException.For(field, $"Name the record with a reference of 1 to {EvidenceLink.ReferenceMaxLength} printable characters.");
            }
            try
            {
                snapshots.Add(await Source(kind, field).CaptureAsync(actor, modelKey, reference, cancellationToken));
            }
            catch (NotFoundException missing)
            {
                throw InputRejectedException.For(field, missing.Message);
            }
        }
        return snapshots;
    }

    private IEvidenceSource Source(string? kind, string field) =>
        kind is not null && byKind.TryGetValue(kind, out var source)
            ? source
            : throw InputRejectedException.For(field, $"Evidence kind is one of {string.Join(", ", byKind.Keys.Order(StringComparer.Ordinal))}.");
}

/// <summary>A link asked for: the kind of record and the reference naming it on the item's model.</summary>
public sealed record EvidenceRequest(string? Kind, string? Reference);
