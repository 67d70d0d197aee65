namespace Portal.Domain.Findings;

/// <summary>How serious a finding is; which severities block releases is a setting (Findings:BlockingSeverities).</summary>
public enum FindingSeverity
{
    Low,
    Medium,
    High,
    Critical,
}

/// <summary>
/// Where a finding stands: raised (Open), remediated by its remediation owner with evidence (Remediated), accepted by a
/// reviewer (Closed), or sent back with a reason (Reopened, which the remediation owner remediates again).
/// </summary>
public enum FindingStatus
{
    Open,
    Remediated,
    Reopened,
    Closed,
}

/// <summary>What a piece of remediation evidence points to: a document of the model, a version of it, or a release request.</summary>
public enum EvidenceKind
{
    Document,
    Version,
    ReleaseRequest,
}

/// <summary>One record the portal holds that backs a remediation, with the words it showed when it was linked.</summary>
public sealed record EvidenceReference(EvidenceKind Kind, string Reference, string Description);
