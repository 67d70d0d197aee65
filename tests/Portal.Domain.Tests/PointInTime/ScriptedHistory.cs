using Portal.Domain.Flags;
using Portal.Domain.Inventory;
using Portal.Domain.Ownership;
using Portal.Domain.PointInTime;
using Portal.Domain.Releases;
using Portal.Domain.Versions;

namespace Portal.Domain.Tests.PointInTime;

/// <summary>
/// One model's life on known dates in 2026, written out by hand: registered Medium (1 Jan), Ada primary owner (2 Jan),
/// 1.0.0 promoted (5 Jan), reclassified High (1 Feb), Ada replaced by Ben (10 Feb), a stale-activity flag raised (1 Mar)
/// and resolved (15 Mar), card revised (1 and 3 Apr) and revision 2 reviewed (10 Apr), 2.0.0 approved through release 7
/// (signed and promoted 1 May, archiving 1.0.0).
/// </summary>
internal static class ScriptedHistory
{
    public const string Key = "credit-score";

    public static DateTime On(int month, int day, int hour = 12) => new(2026, month, day, hour, 0, 0, DateTimeKind.Utc);

    /// <summary>Each event with the JSON the interceptor would have written before and after.</summary>
    public static readonly IReadOnlyList<(long Sequence, DateTime At, string Action, string Type, string Entity, string? Before, string? After)> Trail =
    [
        (1, On(1, 1), "Model.Registered", "Model", Key, null,
            """{"Name":"Credit score","Description":"Scores applicants.","Team":"Credit Risk","RiskTier":"Medium","Status":"Development","Tags":["credit"],"Revision":1}"""),
        (2, On(1, 2), "Ownership.Assigned", "Ownership", $"{Key}:Primary:ada", null, """{"OwnerSubject":"ada"}"""),
        (3, On(1, 5), "Version.StageChanged", "ModelVersion", $"{Key}@1.0.0", """{"Stage":"None","Revision":1}""", """{"Stage":"Production","Revision":2}"""),
        (4, On(1, 5), "Model.StatusChanged", "Model", Key, """{"Status":"Development","Revision":1}""", """{"Status":"Production","Revision":2}"""),
        (5, On(2, 1), "Model.Reclassified", "Model", Key, """{"RiskTier":"Medium","ClassificationReason":null}""", """{"RiskTier":"High","ClassificationReason":"Decides credit."}"""),
        (6, On(2, 10), "Ownership.Ended", "Ownership", $"{Key}:Primary:ada", null, null),
        (7, On(2, 10), "Ownership.Assigned", "Ownership", $"{Key}:Primary:ben", null, """{"OwnerSubject":"ben"}"""),
        (8, On(3, 1), "Flag.Raised", "Flag", $"{Key}:stale-activity", null, null),
        (9, On(3, 15), "Flag.Resolved", "Flag", $"{Key}:stale-activity", null, null),
        (10, On(4, 1), "ModelCard.Revised", "ModelCard", $"{Key}@r1", null, null),
        (11, On(4, 3), "ModelCard.Revised", "ModelCard", $"{Key}@r2", null, null),
        (12, On(4, 10), "ModelCard.Reviewed", "ModelCardReview", $"{Key}@r2", null, null),
        (13, On(5, 1), "Release.Signed", "ReleaseSignature", "release-7:rita:Approved", null, null),
        (14, On(5, 1), "Release.Promoted", "Release", "release-7", null, null),
        (15, On(5, 1), "Version.StageChanged", "ModelVersion", $"{Key}@1.0.0", """{"Stage":"Production"}""", """{"Stage":"Archived"}"""),
        (16, On(5, 1), "Version.StageChanged", "ModelVersion", $"{Key}@2.0.0", """{"Stage":"None"}""", """{"Stage":"Production"}"""),
    ];

    public static readonly ModelHistory History = new(
        Owners:
        [
            new OwnerPeriod("ada", "Ada Novak", OwnerRole.Primary, On(1, 2), On(2, 10)),
            new OwnerPeriod("ben", "Ben Okafor", OwnerRole.Primary, On(2, 10), null),
        ],
        Flags: [new FlagPeriod("stale-activity", FlagSeverity.Medium, "No activity for 30 days.", On(3, 1), On(3, 15))],
        CardRevisions: [new CardRevisionMark(1, On(4, 1), "Ada Novak", null), new CardRevisionMark(2, On(4, 3), "Ben Okafor", "1.0.0")],
        CardReviews: [new CardReviewMark(2, On(4, 10), "Rita Reviewer")],
        Releases:
        [
            new ReleaseMark(7, "2.0.0", VersionStage.Production, "Ben Okafor", On(4, 20), ReleaseStatus.Approved, On(5, 1),
                [new SignatureMark("rita", "Rita Reviewer", SignatureMeaning.Approved, On(5, 1), "Evidence complete.")]),
        ]);

    /// <summary>The model as its row reads today, after everything above.</summary>
    public static readonly CurrentModel Now = new(Key, "Credit score", "Credit Risk", RiskTier.High, LifecycleStatus.Production,
        [("2.0.0", VersionStage.Production)]);

    /// <summary>The events at or before <paramref name="asOf"/>, with their values after (the forward fold's input).</summary>
    public static List<TrailEvent> UpTo(DateTime asOf) =>
        [.. Trail.Where(e => e.At <= asOf).Select(e => Event(e, e.After))];

    /// <summary>The events after <paramref name="asOf"/>, newest first, with their values before (the backward fold's input).</summary>
    public static List<TrailEvent> AfterNewestFirst(DateTime asOf) =>
        [.. Trail.Where(e => e.At > asOf).OrderByDescending(e => e.Sequence).Select(e => Event(e, e.Before))];

    private static TrailEvent Event((long Sequence, DateTime At, string Action, string Type, string Entity, string? Before, string? After) e, string? json) =>
        new(e.Sequence, e.At, e.Action, e.Type, e.Entity, "Someone",
            AuditValues.Read(json, e.Type == "Model" ? ModelState.ModelFields : ModelState.VersionFields));
}
