using Portal.Domain.Releases;
using Portal.Domain.Versions;

namespace Portal.Domain.PointInTime;

/// <summary>
/// Builds the answer for one model at a moment: the forward fold over its audit events for its attributes and stages, its
/// stored history (owners, flags, card revisions and reviews, releases) read at the moment, and for each part the event that
/// recorded it.
/// </summary>
public static class ModelAsOfBuilder
{
    /// <param name="eventsUpToMoment">The model's audit events at or before the moment, in sequence; model and version
    /// events carry their values after.</param>
    /// <returns>Null when the model did not exist yet at the moment.</returns>
    public static ModelAsOf? Build(string key, DateTime asOf, long? throughEvent, IReadOnlyList<TrailEvent> eventsUpToMoment, ModelHistory history)
    {
        var state = ModelState.Forward(key, eventsUpToMoment);
        if (!state.Exists)
        {
            return null;
        }
        var citations = new Citations(eventsUpToMoment);
        var attributes = state.Attributes();
        var stages = state.VersionsInStage()
            .Select(v => new StageAsOf(v.Stage, v.Label, v.SetBy?.OccurredAt, citations.Cite(v.SetBy)))
            .ToList();
        foreach (var audit in state.AttributeEvents())
        {
            citations.Cite(audit);
        }
        var owners = history.Owners.Where(o => o.HeldAt(asOf))
            .OrderBy(o => o.Role).ThenBy(o => o.Name, StringComparer.Ordinal)
            .Select(o => new OwnerAsOf(o.Subject, o.Name, o.Role, o.AssignedAt, citations.Last("Ownership.Assigned", $"{key}:{o.Role}:{o.Subject}")))
            .ToList();
        var flags = history.Flags.Where(f => f.OpenAt(asOf))
            .OrderByDescending(f => f.Severity).ThenBy(f => f.Rule, StringComparer.Ordinal)
            .Select(f => new FlagAsOf(f.Rule, f.Severity, f.Detail, f.RaisedAt, citations.Last("Flag.Raised", $"{key}:{f.Rule}")))
            .ToList();
        var approvals = stages.Where(s => s.Stage == VersionStage.Production)
            .SelectMany(s => ApprovalsOf(key, s.VersionLabel, asOf, history.Releases, citations))
            .ToList();
        return new ModelAsOf(key, asOf, throughEvent, attributes.Name, attributes.Team, attributes.RiskTier, attributes.Status, stages, owners,
            CardAt(key, asOf, history, citations), flags, approvals, citations.All());
    }

    private static CardAsOf? CardAt(string key, DateTime asOf, ModelHistory history, Citations citations)
    {
        var revision = history.CardRevisions.Where(r => r.CreatedAt <= asOf).MaxBy(r => r.Number);
        if (revision is null)
        {
            return null;
        }
        var review = history.CardReviews.FirstOrDefault(r => r.RevisionNumber == revision.Number && r.ReviewedAt <= asOf);
        var entity = $"{key}@r{revision.Number}";
        return new CardAsOf(revision.Number, revision.CreatedAt, revision.AuthorName, revision.VersionLabel, review is not null, review?.ReviewedAt,
            review?.ReviewerName, citations.Last("ModelCard.Revised", entity), review is null ? null : citations.Last("ModelCard.Reviewed", entity));
    }

    /// <summary>The production release requests of the version approved by the moment (the latest first), with the signatures made by then.</summary>
    private static IEnumerable<ApprovalAsOf> ApprovalsOf(string key, string label, DateTime asOf, IReadOnlyList<ReleaseMark> releases, Citations citations) =>
        releases
            .Where(r => r.VersionLabel == label && r.TargetStage == VersionStage.Production && r.Status == ReleaseStatus.Approved && r.ApprovedAt <= asOf)
            .OrderByDescending(r => r.ApprovedAt)
            .Select(r => new ApprovalAsOf(r.Id, r.VersionLabel, r.RequestedByName, r.RequestedAt, r.ApprovedAt!.Value,
                [.. r.Signatures.Where(s => s.SignedAt <= asOf).OrderBy(s => s.SignedAt)
                    .Select(s => new SignatureAsOf(s.SignerName, s.Meaning, s.SignedAt, s.Reason,
                        citations.Last(s.Meaning == SignatureMeaning.Rejected ? "Release.SignedRejection" : "Release.Signed", $"release-{r.Id}:{s.SignerId}:{s.Meaning}")))],
                citations.Last("Release.Promoted", $"release-{r.Id}")));

    /// <summary>The events of the model up to the moment, found by what they recorded; each event cited is listed once in the answer.</summary>
    private sealed class Citations(IReadOnlyList<TrailEvent> events)
    {
        private readonly Dictionary<(string Action, string EntityId), TrailEvent> last = events
            .GroupBy(e => (e.Action, e.EntityId))
            .ToDictionary(g => g.Key, g => g.MaxBy(e => e.Sequence)!);

        private readonly SortedDictionary<long, TrailEvent> cited = [];

        public long? Last(string action, string entityId) => Cite(last.GetValueOrDefault((action, entityId)));

        public long? Cite(TrailEvent? audit)
        {
            if (audit is null)
            {
                return null;
            }
            cited[audit.Sequence] = audit;
            return audit.Sequence;
        }

        public IReadOnlyList<CitedEvent> All() =>
            [.. cited.Values.Select(e => new CitedEvent(e.Sequence, e.OccurredAt, e.Action, e.EntityId, e.ActorName))];
    }
}
