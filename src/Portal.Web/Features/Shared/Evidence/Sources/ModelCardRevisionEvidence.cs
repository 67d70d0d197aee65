using System.Globalization;
using Portal.Domain.Access;
using Portal.Domain.Audits;
using Portal.Web.Features.ModelCards;

namespace Portal.Web.Features.Shared.Evidence.Sources;

/// <summary>One revision of the model card: every section as it read, its completeness and its review.</summary>
public sealed class ModelCardRevisionEvidence(ModelCardService cards, TimeProvider clock) : IEvidenceSource
{
    public string Kind => "model-card-revision";
    public string Label => "Model card revision";
    public string ReferenceHelp => "the revision number, such as 3";

    public async Task<IReadOnlyList<EvidenceChoice>> ChoicesAsync(Actor actor, string modelKey, CancellationToken cancellationToken) =>
        [.. (await cards.RevisionsAsync(actor, modelKey, cancellationToken)).OrderByDescending(r => r.Revision).Take(50)
            .Select(r => new EvidenceChoice(r.Revision.ToString(CultureInfo.InvariantCulture),
                $"Revision {r.Revision}: {r.ChangeSummary} ({PortalFormat.Date(r.CreatedAt)}{(r.Review is null ? "" : ", reviewed")})"))];

    public async Task<EvidenceSnapshot> CaptureAsync(Actor actor, string modelKey, string reference, CancellationToken cancellationToken)
    {
        if (!int.TryParse(reference, NumberStyles.None, CultureInfo.InvariantCulture, out var revision) || revision < 1)
        {
            throw InputRejectedException.For("reference", "A card revision is named by its number, such as 3.");
        }
        var card = await cards.GetAsync(actor, modelKey, revision, cancellationToken);
        if (card.Revision != revision)
        {
            throw new NotFoundException($"The card of {modelKey} has no revision {revision}.");
        }
        return EvidenceSnapshot.Capture(Kind, reference, $"Model card of {card.ModelKey}, revision {card.Revision}",
            $"/models/{Uri.EscapeDataString(card.ModelKey)}/card/print?revision={card.Revision}", card, clock.GetUtcNow().UtcDateTime);
    }
}
