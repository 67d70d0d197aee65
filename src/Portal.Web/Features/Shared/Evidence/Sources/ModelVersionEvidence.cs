using Portal.Domain.Access;
using Portal.Domain.Audits;
using Portal.Web.Features.Versions;

namespace Portal.Web.Features.Shared.Evidence.Sources;

/// <summary>A model version with its lineage, metrics and stage, as the versions API shows it.</summary>
public sealed class ModelVersionEvidence(VersionService versions, TimeProvider clock) : IEvidenceSource
{
    public string Kind => "model-version";
    public string Label => "Model version";
    public string ReferenceHelp => "the version label, such as 1.2.0";

    public async Task<IReadOnlyList<EvidenceChoice>> ChoicesAsync(Actor actor, string modelKey, CancellationToken cancellationToken) =>
        [.. (await versions.ListAsync(actor, modelKey, 1, 50, cancellationToken: cancellationToken)).Items
            .Select(v => new EvidenceChoice(v.Label, $"{v.Label} ({v.Stage})"))];

    public async Task<EvidenceSnapshot> CaptureAsync(Actor actor, string modelKey, string reference, CancellationToken cancellationToken)
    {
        var version = await versions.GetAsync(actor, modelKey, reference, cancellationToken);
        return EvidenceSnapshot.Capture(Kind, reference, $"Version {version.Label} of {version.ModelKey}",
            $"/models/{Uri.EscapeDataString(version.ModelKey)}?tab=versions", version, clock.GetUtcNow().UtcDateTime);
    }
}
