using Portal.Domain.Access;
using Portal.Domain.Audits;
using Portal.Web.Features.AuditTrail;

namespace Portal.Web.Features.Shared.Evidence.Sources;

/// <summary>
/// The model's slice of the audit trail over a period, with each event's hash (so it can be checked against the chain), newest
/// first, at most <see cref="MaxEvents"/> events and the total. Read as the audit trail is: by Admins, Auditors and Compliance reviewers.
/// </summary>
public sealed class AuditTrailEvidence(AuditTrailService trail, TimeProvider clock) : IEvidenceSource
{
    public const int MaxEvents = 200;

    public string Kind => "audit-trail";
    public string Label => "Audit trail of the model";
    public string ReferenceHelp => "a period FROM..TO in UTC dates, either end open, such as 2026-01-01..2026-04-01";

    public Task<IReadOnlyList<EvidenceChoice>> ChoicesAsync(Actor actor, string modelKey, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<EvidenceChoice>>([]);

    public async Task<EvidenceSnapshot> CaptureAsync(Actor actor, string modelKey, string reference, CancellationToken cancellationToken)
    {
        var period = EvidencePeriod.Parse(reference);
        var events = await trail.SearchAsync(actor, new AuditTrailQuery(ModelKey: modelKey, From: period.From, To: period.To, PageSize: MaxEvents),
            cancellationToken);
        var content = new { ModelKey = modelKey, period.From, period.To, events.TotalCount, Shown = events.Items.Count, Events = events.Items };
        return EvidenceSnapshot.Capture(Kind, reference, $"Audit trail of {modelKey}, {period.Describe()} ({events.TotalCount} events)",
            $"/audit-trail?model={Uri.EscapeDataString(modelKey)}", content, clock.GetUtcNow().UtcDateTime);
    }
}
