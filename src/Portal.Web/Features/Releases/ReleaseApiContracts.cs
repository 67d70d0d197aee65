using System.Security.Claims;
using Portal.Domain.Releases;
using Portal.Domain.Versions;
using Portal.Web.Auth;
using Portal.Web.Features.Shared;

namespace Portal.Web.Features.Releases;

/// <summary>Body of <c>POST /api/v1/releases</c>: which version of which model to which stage, with a summary and rollout plan.</summary>
public sealed record CreateReleaseRequest(string? ModelKey, string? VersionLabel, string? TargetStage, string? Summary, string? RolloutPlan);

/// <summary>Body of <c>POST /api/v1/releases/{id}/exceptions</c>.</summary>
public sealed record RecordGateExceptionRequest(string? Gate, string? Justification, DateTime? ExpiresAt);

/// <summary>Body of <c>POST /api/v1/releases/{id}/signatures</c> (always refused for tokens).</summary>
public sealed record SignReleaseRequest(string? Meaning, string? Reason);

/// <summary>Body of <c>PUT /api/v1/approval-policies/{tier}</c>; <c>revision</c> is the one read.</summary>
public sealed record ChangeApprovalPolicyRequest(int? RequiredSignOffs, bool? RequireAllGates, bool? RequireReviewerOutsideTeam, int? RevalidationMonths,
    int? Revision);

internal static class ReleaseRequestParsing
{
    /// <summary>A stage from text; null when absent or not a release stage (the rules then name the field).</summary>
    public static VersionStage? Stage(string? text) =>
        Enum.TryParse<VersionStage>(text, ignoreCase: true, out var stage) && !int.TryParse(text, out _) ? stage : null;

    public static SignatureMeaning Meaning(string? text) =>
        Enum.TryParse<SignatureMeaning>(text, ignoreCase: true, out var meaning) && !int.TryParse(text, out _)
            ? meaning
            : throw InputRejectedException.For("meaning", "Meaning must be Approved, Rejected or Reviewed.");

    public static ApprovalRules Rules(ChangeApprovalPolicyRequest body)
    {
        var missing = new Dictionary<string, string[]>();
        Require(missing, body.RequiredSignOffs, "requiredSignOffs");
        Require(missing, body.RequireAllGates, "requireAllGates");
        Require(missing, body.RequireReviewerOutsideTeam, "requireReviewerOutsideTeam");
        Require(missing, body.RevalidationMonths, "revalidationMonths");
        Require(missing, body.Revision, "revision");
        if (missing.Count > 0)
        {
            throw new InputRejectedException(missing);
        }
        return new ApprovalRules(body.RequiredSignOffs!.Value, body.RequireAllGates!.Value, body.RequireReviewerOutsideTeam!.Value, body.RevalidationMonths!.Value);
    }

    private static void Require<T>(Dictionary<string, string[]> missing, T? value, string field) where T : struct
    {
        if (value is null)
        {
            missing[field] = [$"{field} is required."];
        }
    }
}

/// <summary>How the signer is signed in, read from their principal.</summary>
public static class SigningSessions
{
    /// <summary>Bearer callers (service tokens, pipeline JWTs) never sign; a person's session carries auth_time.</summary>
    public static SigningSession From(ClaimsPrincipal principal)
    {
        var kind = principal.Identity?.AuthenticationType;
        if (kind is PortalAuthSchemes.ServiceToken or PortalAuthSchemes.Jwt or PortalAuthSchemes.Bearer || principal.HasClaim(c => c.Type == "token_kind"))
        {
            return SigningSession.ServiceToken;
        }
        var authTime = principal.FindFirst(PortalClaims.AuthTime)?.Value;
        return SigningSession.Person(long.TryParse(authTime, out var seconds) && seconds > 0 && seconds < 253402300799
            ? DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime
            : null);
    }
}
