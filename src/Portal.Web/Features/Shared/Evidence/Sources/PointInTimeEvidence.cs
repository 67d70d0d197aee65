using System.Globalization;
using Portal.Domain.Access;
using Portal.Domain.Audits;
using Portal.Web.Features.PointInTime;

namespace Portal.Web.Features.Shared.Evidence.Sources;

/// <summary>A point-in-time answer about the model (stages, owners, tier, card, flags, approvals as of a moment), with the audit events it cites.</summary>
public sealed class PointInTimeEvidence(PointInTimeService pointInTime, TimeProvider clock) : IEvidenceSource
{
    public string Kind => "point-in-time";
    public string Label => "Point-in-time answer";
    public string ReferenceHelp => "the moment, ISO 8601 in UTC, such as 2026-05-01T00:00:00Z";

    // Moments are typed, not picked: any past moment is a valid question.
    public Task<IReadOnlyList<EvidenceChoice>> ChoicesAsync(Actor actor, string modelKey, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<EvidenceChoice>>([]);

    public async Task<EvidenceSnapshot> CaptureAsync(Actor actor, string modelKey, string reference, CancellationToken cancellationToken)
    {
        var moment = pointInTime.ParseMoment(reference);
        var answer = await pointInTime.ModelAsOfAsync(actor, modelKey, moment, cancellationToken);
        var at = moment.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        return EvidenceSnapshot.Capture(Kind, at, $"{answer.Key} as of {moment:yyyy-MM-dd HH:mm} UTC",
            $"/models/{Uri.EscapeDataString(answer.Key)}?tab=as-of&asOf={Uri.EscapeDataString(at)}", answer, clock.GetUtcNow().UtcDateTime);
    }
}
