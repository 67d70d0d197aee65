namespace Portal.Domain.Webhooks;

/// <summary>
/// The events a webhook subscriber can ask for, and the one table that derives each from the audit action recorded in the same
/// transaction as the change. An audit action not listed here sends nothing.
/// </summary>
public static class WebhookEventTypes
{
    /// <summary>The version of the JSON shape every event body has (<c>type</c>, <c>timestamp</c>, <c>data</c>).</summary>
    public const string SchemaVersion = "1";

    public const string ReleaseRequested = "release.requested";
    public const string ReleaseSigned = "release.signed";
    public const string ReleaseApproved = "release.approved";
    public const string ReleaseRejected = "release.rejected";
    public const string ReleaseWithdrawn = "release.withdrawn";
    public const string GateExceptionRecorded = "gate_exception.recorded";
    public const string OwnerAssigned = "owner.assigned";
    public const string OwnerEnded = "owner.ended";
    public const string FlagRaised = "flag.raised";
    public const string FlagResolved = "flag.resolved";
    public const string PersonDeactivated = "person.deactivated";
    public const string CardReviewed = "card.reviewed";
    public const string AccessRequested = "access.requested";
    public const string AccessGranted = "access.granted";
    public const string AuditRequestOpened = "audit_request.opened";
    public const string AuditRequestAnswered = "audit_request.answered";

    /// <summary>Audit action to webhook event type. A rejecting signature is still a signature: its data says which meaning.</summary>
    private static readonly Dictionary<string, string> ByAuditAction = new(StringComparer.Ordinal)
    {
        ["Release.Requested"] = ReleaseRequested,
        ["Release.Signed"] = ReleaseSigned,
        ["Release.SignedRejection"] = ReleaseSigned,
        ["Release.Promoted"] = ReleaseApproved,
        ["Release.Rejected"] = ReleaseRejected,
        ["Release.Withdrawn"] = ReleaseWithdrawn,
        ["Release.GateExceptionRecorded"] = GateExceptionRecorded,
        ["Ownership.Assigned"] = OwnerAssigned,
        ["Ownership.Ended"] = OwnerEnded,
        ["Flag.Raised"] = FlagRaised,
        ["Flag.Resolved"] = FlagResolved,
        ["User.Deactivated"] = PersonDeactivated,
        ["ModelCard.Reviewed"] = CardReviewed,
        ["AccessRequest.Opened"] = AccessRequested,
        ["AccessRequest.Granted"] = AccessGranted,
        ["AuditRequest.Opened"] = AuditRequestOpened,
        ["AuditAnswer.Given"] = AuditRequestAnswered,
    };

    public static IReadOnlyList<string> All { get; } = ByAuditAction.Values.Distinct().ToList();

    /// <summary>The event type an audit action announces, or null when subscribers are not told of it.</summary>
    public static string? ForAuditAction(string action) => ByAuditAction.GetValueOrDefault(action);

    public static bool IsKnown(string type) => All.Contains(type, StringComparer.Ordinal);
}
