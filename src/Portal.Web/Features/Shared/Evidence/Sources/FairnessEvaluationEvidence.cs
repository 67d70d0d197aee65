using System.Globalization;
using Portal.Domain.Access;
using Portal.Domain.Audits;
using Portal.Web.Features.Fairness;

namespace Portal.Web.Features.Shared.Evidence.Sources;

/// <summary>A fairness evaluation: per-group metrics, disparities, the policy it was judged by, the SHA-256 of its results.</summary>
public sealed class FairnessEvaluationEvidence(FairnessService fairness, TimeProvider clock) : IEvidenceSource
{
    public string Kind => "fairness-evaluation";
    public string Label => "Fairness evaluation";
    public string ReferenceHelp => "the evaluation's number, such as 7";

    public async Task<IReadOnlyList<EvidenceChoice>> ChoicesAsync(Actor actor, string modelKey, CancellationToken cancellationToken) =>
        [.. (await fairness.ListAsync(actor, modelKey, cancellationToken: cancellationToken)).Take(50)
            .Select(e => new EvidenceChoice(e.Id.ToString(CultureInfo.InvariantCulture),
                $"#{e.Id}: {e.VersionLabel}, {string.Join(", ", e.SensitiveFeatures)} ({PortalFormat.Timestamp(e.EvaluatedAt)})"))];

    public async Task<EvidenceSnapshot> CaptureAsync(Actor actor, string modelKey, string reference, CancellationToken cancellationToken)
    {
        if (!int.TryParse(reference, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            throw InputRejectedException.For("reference", "A fairness evaluation is named by its number, such as 7.");
        }
        var evaluation = await fairness.GetAsync(actor, modelKey, id, cancellationToken);
        return EvidenceSnapshot.Capture(Kind, reference,
            $"Fairness evaluation #{id} of {evaluation.Summary.ModelKey} {evaluation.Summary.VersionLabel} ({string.Join(", ", evaluation.Summary.SensitiveFeatures)})",
            $"/models/{Uri.EscapeDataString(evaluation.Summary.ModelKey)}?tab=fairness", evaluation, clock.GetUtcNow().UtcDateTime);
    }
}
