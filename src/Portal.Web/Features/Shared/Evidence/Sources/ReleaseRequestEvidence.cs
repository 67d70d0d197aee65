using System.Globalization;
using Portal.Domain.Access;
using Portal.Domain.Audits;
using Portal.Web.Features.Releases;

namespace Portal.Web.Features.Shared.Evidence.Sources;

/// <summary>A release request with its frozen policy, gates, exceptions and signatures, each signature verified as it is captured.</summary>
public sealed class ReleaseRequestEvidence(ReleaseService releases, TimeProvider clock) : IEvidenceSource
{
    public string Kind => "release-request";
    public string Label => "Release request and signatures";
    public string ReferenceHelp => "the release request's number, such as 12";

    public async Task<IReadOnlyList<EvidenceChoice>> ChoicesAsync(Actor actor, string modelKey, CancellationToken cancellationToken) =>
        [.. (await releases.ListAsync(actor, modelKey, pageSize: 50, cancellationToken: cancellationToken)).Items
            .Select(r => new EvidenceChoice(r.Id.ToString(CultureInfo.InvariantCulture), $"#{r.Id}: {r.VersionLabel} → {r.TargetStage} ({r.Status})"))];

    public async Task<EvidenceSnapshot> CaptureAsync(Actor actor, string modelKey, string reference, CancellationToken cancellationToken)
    {
        if (!int.TryParse(reference, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            throw InputRejectedException.For("reference", "A release request is named by its number, such as 12.");
        }
        var release = await releases.GetAsync(actor, id, cancellationToken);
        if (!string.Equals(release.ModelKey, modelKey, StringComparison.OrdinalIgnoreCase))
        {
            throw new NotFoundException($"Release request #{id} is not about model {modelKey}.");
        }
        // The reader's own buttons (Actions) are no part of the record.
        var content = new
        {
            release.Id, release.ModelKey, Version = release.Version.Label, release.TargetStage, release.Summary, release.RolloutPlan,
            release.RequestedBy, release.RequestedByName, release.RequestedAt, release.Status, release.ClosedAt, release.ClosedBy, release.ApprovedAt,
            release.RevalidationDueAt, release.RiskTier, release.Policy, release.PolicyRevision, release.FairnessPolicyVersion, release.Gates,
            release.Exceptions, release.Signatures, SignaturesVerified = release.Signatures.All(s => s.Verified),
        };
        return EvidenceSnapshot.Capture(Kind, reference, $"Release #{release.Id}: {release.ModelKey} {release.Version.Label} → {release.TargetStage} ({release.Status})",
            ReleaseNotifications.Link(release.Id), content, clock.GetUtcNow().UtcDateTime);
    }
}
