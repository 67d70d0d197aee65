using Portal.Domain.Flags;
using Portal.Domain.Ownership;
using Portal.Domain.Releases;

namespace Portal.Domain.PointInTime;

/// <summary>An ownership assignment's period (ended assignments are kept for ever).</summary>
public sealed record OwnerPeriod(string Subject, string Name, OwnerRole Role, DateTime AssignedAt, DateTime? EndedAt)
{
    public bool HeldAt(DateTime asOf) => AssignedAt <= asOf && (EndedAt is null || EndedAt > asOf);
}

/// <summary>A flag's period, from raised to resolved (resolved flags are kept as history).</summary>
public sealed record FlagPeriod(string Rule, FlagSeverity Severity, string Detail, DateTime RaisedAt, DateTime? ResolvedAt)
{
    public bool OpenAt(DateTime asOf) => RaisedAt <= asOf && (ResolvedAt is null || ResolvedAt > asOf);
}

public sealed record CardRevisionMark(int Number, DateTime CreatedAt, string AuthorName, string? VersionLabel);

public sealed record CardReviewMark(int RevisionNumber, DateTime ReviewedAt, string ReviewerName);

public sealed record SignatureMark(string SignerId, string SignerName, SignatureMeaning Meaning, DateTime SignedAt, string Reason);

/// <summary>A release request with what it became: approved or not, and its signatures with their times.</summary>
public sealed record ReleaseMark(int Id, string VersionLabel, Versions.VersionStage TargetStage, string RequestedByName, DateTime RequestedAt,
    ReleaseStatus Status, DateTime? ApprovedAt, IReadOnlyList<SignatureMark> Signatures);

/// <summary>Everything stored about one model that the point-in-time answer reads besides its audit trail.</summary>
public sealed record ModelHistory(
    IReadOnlyList<OwnerPeriod> Owners,
    IReadOnlyList<FlagPeriod> Flags,
    IReadOnlyList<CardRevisionMark> CardRevisions,
    IReadOnlyList<CardReviewMark> CardReviews,
    IReadOnlyList<ReleaseMark> Releases);
