using Portal.Domain.Flags;
using Portal.Domain.Inventory;
using Portal.Domain.Ownership;
using Portal.Domain.Releases;
using Portal.Domain.Versions;

namespace Portal.Domain.PointInTime;

/// <summary>
/// What the portal recorded about one model at a past moment, and the audit events the answer rests on. Every part names
/// its event (<c>event</c>: the sequence number in the audit trail); <see cref="ThroughEvent"/> is the last event sealed at
/// or before the moment, so the answer can be checked against the chain up to there.
/// </summary>
public sealed record ModelAsOf(
    string Key,
    DateTime AsOf,
    long? ThroughEvent,
    string Name,
    string Team,
    RiskTier? RiskTier,
    LifecycleStatus? Status,
    IReadOnlyList<StageAsOf> Stages,
    IReadOnlyList<OwnerAsOf> Owners,
    CardAsOf? Card,
    IReadOnlyList<FlagAsOf> OpenFlags,
    IReadOnlyList<ApprovalAsOf> ProductionApprovals,
    IReadOnlyList<CitedEvent> Citations);

/// <param name="Since">When the version entered the stage (null when it is older than the trail).</param>
public sealed record StageAsOf(VersionStage Stage, string VersionLabel, DateTime? Since, long? Event);

public sealed record OwnerAsOf(string Subject, string Name, OwnerRole Role, DateTime Since, long? Event);

/// <summary>The card revision in force and whether a reviewer had reviewed that revision by then.</summary>
public sealed record CardAsOf(int Revision, DateTime RevisedAt, string AuthorName, string? DescribesVersion, bool Reviewed,
    DateTime? ReviewedAt, string? ReviewerName, long? RevisionEvent, long? ReviewEvent);

public sealed record FlagAsOf(string Rule, FlagSeverity Severity, string Detail, DateTime RaisedAt, long? Event);

/// <summary>The approved release request behind a production version, with the signatures made by then.</summary>
public sealed record ApprovalAsOf(int ReleaseId, string VersionLabel, string RequestedBy, DateTime RequestedAt, DateTime ApprovedAt,
    IReadOnlyList<SignatureAsOf> Signatures, long? Event);

public sealed record SignatureAsOf(string SignerName, SignatureMeaning Meaning, DateTime SignedAt, string Reason, long? Event);

/// <summary>An audit event the answer rests on, as the audit trail shows it.</summary>
public sealed record CitedEvent(long Sequence, DateTime OccurredAt, string Action, string EntityId, string ActorName);
