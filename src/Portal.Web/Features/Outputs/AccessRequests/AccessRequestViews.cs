using Portal.Domain.Outputs;

namespace Portal.Web.Features.Outputs.AccessRequests;

public sealed record AccessRequestView(
    int Id,
    int OutputId,
    string ModelKey,
    string OutputName,
    string RequestedBy,
    string RequestedByName,
    string Purpose,
    int WantedDays,
    bool WantsUnmasked,
    DateTime RequestedAt,
    AccessRequestStatus Status,
    string? DecidedByName,
    DateTime? DecidedAt,
    string? Reason,
    int? GrantId,
    DateTime? GrantedUntil,
    bool GrantedUnmasked,
    string Link)
{
    public static AccessRequestView From(AccessRequest r) => new(r.Id, r.OutputId, r.ModelKey, r.OutputName, r.RequestedBy, r.RequestedByName,
        r.Purpose, r.WantedDays, r.WantsUnmasked, r.RequestedAt, r.Status, r.DecidedByName, r.DecidedAt, r.Reason, r.GrantId, r.GrantedUntil,
        r.GrantedUnmasked, $"/outputs/{r.OutputId}");
}

/// <summary>The requests I made and those I decide (as the model's primary owner or a Compliance reviewer).</summary>
public sealed record AccessRequestLists(IReadOnlyList<AccessRequestView> Mine, IReadOnlyList<AccessRequestView> ToDecide);

/// <summary>The body of <c>POST /api/v1/outputs/{id}/access-requests</c>.</summary>
public sealed record AccessRequestBody(string? Purpose, int Days, bool Unmasked);

public enum AccessDecisionKind
{
    Grant,
    Deny,
}

/// <summary>
/// The body of <c>POST /api/v1/access-requests/{id}/decision</c>: grant for <paramref name="Days"/> (at most the wanted days),
/// unmasked only if asked; or deny with a <paramref name="Reason"/>.
/// </summary>
public sealed record AccessDecision(AccessDecisionKind Decision, int? Days, bool Unmasked, string? Reason);
