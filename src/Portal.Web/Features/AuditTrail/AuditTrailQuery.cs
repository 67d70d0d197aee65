namespace Portal.Web.Features.AuditTrail;

/// <summary>Filter of the audit trail: model, actor (id or name), action, and a time range (UTC, from inclusive, to exclusive).</summary>
public sealed record AuditTrailQuery(
    string? ModelKey = null,
    string? Actor = null,
    string? Action = null,
    DateTime? From = null,
    DateTime? To = null,
    int Page = 1,
    int PageSize = 50);

public sealed record AuditEventView(long Id, DateTime OccurredAt, string ActorId, string ActorName, string Action,
    string EntityType, string EntityId, string? ModelKey, string? Before, string? After, string Hash);

/// <summary>The answer of <c>GET /api/v1/audit/verify</c>.</summary>
public sealed record ChainVerificationResponse(bool Intact, long EventCount, long? FirstBrokenEventId, string? Problem, string Summary, string Checked);

/// <summary>The answer of <c>GET /api/v1/audit/digest</c>: keep <c>digest</c> somewhere the portal cannot write.</summary>
public sealed record ChainDigestResponse(string Digest, long EventCount, string HeadHash, DateTime ExportedAt);
