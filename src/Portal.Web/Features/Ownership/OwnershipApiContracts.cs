using Portal.Domain.Ownership;
using Portal.Web.Features.Shared;

namespace Portal.Web.Features.Ownership;

/// <summary>Body of <c>POST /api/v1/teams</c>.</summary>
public sealed record CreateTeamRequest(string? Name, string? Description);

/// <summary>Body of <c>PUT /api/v1/teams/{name}/members/{subject}</c>; <c>revision</c> is the team's, as read.</summary>
public sealed record SetTeamMemberRequest(bool? IsManager, int? Revision);

/// <summary>Body of <c>POST /api/v1/teams/{name}/members/{subject}/remove</c>.</summary>
public sealed record RemoveTeamMemberRequest(int? Revision);

/// <summary>
/// Body of <c>POST /api/v1/models/{key}/owners</c>. <c>expectedPrimarySubject</c> (optional) is the primary owner the
/// caller saw, "" for none: when it has changed since, the assignment is refused with 409 instead of replacing someone else's.
/// </summary>
public sealed record AssignOwnerRequest(string? OwnerSubject, string? Role, string? Reason, string? ExpectedPrimarySubject);

/// <summary>Body of <c>POST /api/v1/models/{key}/owners/{subject}/end</c>.</summary>
public sealed record EndOwnerRequest(string? Reason);

/// <summary>Body of <c>POST /api/v1/ownership/reassign</c>; <c>preview</c> defaults to true, so that only an explicit false changes anything.</summary>
public sealed record ReassignRequest(string? FromSubject, string? ToSubject, string? Reason, bool? Preview);

internal static class OwnershipRequestParsing
{
    /// <summary>Text, not the enum, so that a wrong role gets a field message rather than a parse failure.</summary>
    public static OwnerRole ParseRole(string? role) =>
        Enum.TryParse<OwnerRole>(role?.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(role, out _)
            ? parsed
            : throw InputRejectedException.For("role", $"'{role}' is not valid; use one of {string.Join(", ", Enum.GetNames<OwnerRole>())}.");

    public static int RequireRevision(int? revision) => revision
        ?? throw InputRejectedException.For("revision", "The team's revision you read is required, so that an edit based on stale data is refused.");
}
