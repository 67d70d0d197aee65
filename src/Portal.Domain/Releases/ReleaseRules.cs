using Portal.Domain.Access;
using Portal.Domain.Versions;

namespace Portal.Domain.Releases;

/// <summary>
/// The release workflow's rules, without a database: who may request, withdraw and sign, separation of duties,
/// fresh authentication for signing, gates and exceptions, and when a tier's approval policy is met.
/// </summary>
public static class ReleaseRules
{
    /// <summary>A signature must follow a sign-in at the identity provider within this window (§11.200).</summary>
    public static readonly TimeSpan SigningWindow = TimeSpan.FromMinutes(5);

    public const int ReasonMaxLength = 1000;

    public static readonly IReadOnlyList<VersionStage> ReleaseStages = [VersionStage.Staging, VersionStage.Production];

    /// <summary>Null when the actor may request a release of the model: an owner, a member of its team or an Admin (<see cref="ModelWriteScope"/>).</summary>
    public static string? RequestProblem(Actor actor, ModelPeople people) => ModelWriteScope.Problem(actor, Permission.RequestRelease, people);

    public static IEnumerable<(string Field, string Message)> RequestInputProblems(VersionStage? stage, string? summary, string? rolloutPlan)
    {
        if (stage is not { } target || !ReleaseStages.Contains(target))
        {
            yield return ("targetStage", "Choose the stage to release to: Staging or Production.");
        }
        if (string.IsNullOrWhiteSpace(summary))
        {
            yield return ("summary", "Say what this release changes and why (summary).");
        }
        else if (summary.Trim().Length > ReleaseRequest.SummaryMaxLength)
        {
            yield return ("summary", $"The summary is at most {ReleaseRequest.SummaryMaxLength} characters.");
        }
        if (string.IsNullOrWhiteSpace(rolloutPlan))
        {
            yield return ("rolloutPlan", "Describe the rollout plan (how the version goes live and how it is rolled back).");
        }
        else if (rolloutPlan.Trim().Length > ReleaseRequest.RolloutPlanMaxLength)
        {
            yield return ("rolloutPlan", $"The rollout plan is at most {ReleaseRequest.RolloutPlanMaxLength} characters.");
        }
    }

    /// <summary>Null when the actor may withdraw: the request is pending and they made it, or they are an Admin.</summary>
    public static string? WithdrawProblem(Actor actor, ReleaseRequest request)
    {
        if (request.Status != ReleaseStatus.Pending)
        {
            return $"Release request {request.Id} is already {request.Status.ToString().ToLowerInvariant()}; only a pending request can be withdrawn.";
        }
        return request.RequestedBy == actor.Id || actor.Roles.Contains(PortalRoles.Admin)
            ? null
            : $"Only the requester ({request.RequestedByName}) or an Admin may withdraw this request.";
    }

    /// <summary>
    /// Separation of duties and state: null when the person may sign. Nobody signs a request they made or for a model
    /// they own (primary or backup), nobody signs the same request twice, and only pending requests are signed.
    /// </summary>
    public static string? SigningProblem(string signerId, ReleaseRequest request, ModelPeople people)
    {
        if (request.Status != ReleaseStatus.Pending)
        {
            return $"Release request {request.Id} is already {request.Status.ToString().ToLowerInvariant()}; it takes no more signatures.";
        }
        if (request.RequestedBy == signerId)
        {
            return "Separation of duties: you requested this release, so you cannot sign it.";
        }
        if (people.Owners.Contains(signerId))
        {
            return $"Separation of duties: you own {request.ModelKey}, so you cannot sign its releases.";
        }
        return request.Signatures.Any(s => s.SignerId == signerId)
            ? "You have already signed this request; each person signs a request once."
            : null;
    }

    /// <summary>
    /// Whom to ask for a signature among <paramref name="reviewers"/>: those separation of duties lets sign (see
    /// <see cref="SigningProblem"/>; the request's status is the caller's concern), and, when the frozen policy's
    /// remaining sign-off must come from outside the model's team, only people outside it.
    /// </summary>
    public static IEnumerable<string> SignersToAsk(IEnumerable<string> reviewers, ReleaseRequest request, ModelPeople people)
    {
        var rules = request.Frozen.Rules;
        var approvals = request.Signatures.Where(s => s.Meaning == SignatureMeaning.Approved).DistinctBy(s => s.SignerId).ToList();
        var outsiderNeeded = rules.RequireReviewerOutsideTeam && approvals.All(s => s.SignerInModelTeam) && approvals.Count >= rules.RequiredSignOffs - 1;
        return reviewers.Where(r => r != request.RequestedBy && !people.Owners.Contains(r) && request.Signatures.All(s => s.SignerId != r)
            && !(outsiderNeeded && people.TeamMembers.Contains(r)));
    }

    /// <summary>
    /// Null when the session's sign-in is recent enough to sign: a person (not a service token) who authenticated at the
    /// identity provider no more than <see cref="SigningWindow"/> ago.
    /// </summary>
    public static string? AuthenticationProblem(SigningSession session, DateTime now) => session.IsServiceToken
        ? "Signatures are made by people: a service token or pipeline cannot sign a release request. " +
            "Sign on the request page in the portal after re-authenticating."
        : FreshnessProblem(session, now, "sign");

    /// <summary>A gate exception weakens a release's rules, so it takes what a signature takes: a person who authenticated just now.</summary>
    public static string? ExceptionAuthenticationProblem(SigningSession session, DateTime now) => session.IsServiceToken
        ? "Gate exceptions are recorded by people: a service token or pipeline cannot record one. " +
            "Record it on the request page in the portal after re-authenticating."
        : FreshnessProblem(session, now, "record the exception");

    private static string? FreshnessProblem(SigningSession session, DateTime now, string act)
    {
        if (session.AuthenticatedAt is not { } at)
        {
            return $"Your sign-in does not say when you authenticated (no auth_time). Re-authenticate, then {act} within {SigningWindow.TotalMinutes:0} minutes.";
        }
        if (at > now + AuthenticationFreshness.ClockSkew)
        {
            return $"Your sign-in's authentication time lies in the future; re-authenticate, then {act}.";
        }
        return now - at > SigningWindow
            ? $"You authenticated at {at:u}, more than {SigningWindow.TotalMinutes:0} minutes ago. Re-authenticate at the identity provider, then {act} within {SigningWindow.TotalMinutes:0} minutes."
            : null;
    }

    public static string? ReasonProblem(string? reason) =>
        string.IsNullOrWhiteSpace(reason) ? "A signature needs a reason." :
        reason.Trim().Length > ReasonMaxLength ? $"The reason is at most {ReasonMaxLength} characters." : null;

    /// <summary>Failing gates that block approval under the policy: none unless it requires all gates; then those without a valid exception.</summary>
    public static IReadOnlyList<GateResult> BlockingGates(ApprovalRules policy, IEnumerable<GateResult> gates, IEnumerable<GateException> exceptions,
        DateTime now)
    {
        if (!policy.RequireAllGates)
        {
            return [];
        }
        var excepted = exceptions.Where(e => e.IsValidAt(now)).Select(e => e.Gate).ToHashSet(StringComparer.Ordinal);
        return [.. gates.Where(g => !g.Passed && !excepted.Contains(g.Gate))];
    }

    /// <summary>
    /// Null when the approvals meet the policy; otherwise what is still missing. Whoever recorded a gate exception on the
    /// request (<paramref name="exceptionRecorders"/>) cannot be its only approver: some approval must come from someone else.
    /// </summary>
    public static string? PolicyShortfall(ApprovalRules policy, IEnumerable<ReleaseSignature> signatures, IReadOnlySet<string>? exceptionRecorders = null)
    {
        var approvals = signatures.Where(s => s.Meaning == SignatureMeaning.Approved).DistinctBy(s => s.SignerId).ToList();
        if (approvals.Count < policy.RequiredSignOffs)
        {
            return $"{approvals.Count} of {policy.RequiredSignOffs} required Compliance reviewer {(policy.RequiredSignOffs == 1 ? "sign-off" : "sign-offs")}.";
        }
        if (policy.RequireReviewerOutsideTeam && approvals.All(s => s.SignerInModelTeam))
        {
            return "At least one sign-off must come from a reviewer outside the model's team.";
        }
        return exceptionRecorders is { Count: > 0 } && approvals.All(s => exceptionRecorders.Contains(s.SignerId))
            ? "At least one sign-off must come from someone other than whoever recorded a gate exception on this request."
            : null;
    }

    /// <summary>
    /// Null unless the signer recorded a gate exception on this request and their approval would complete the sign-offs with
    /// only exception recorders approving (for a one-sign-off tier: any approval of theirs). Such an approval is refused
    /// rather than left without effect, so the reviewer knows someone else must approve.
    /// </summary>
    public static string? ExceptionRecorderProblem(string signerId, SignatureMeaning meaning, ReleaseRequest request, IReadOnlySet<string> exceptionRecorders)
    {
        if (meaning != SignatureMeaning.Approved || !exceptionRecorders.Contains(signerId))
        {
            return null;
        }
        var approvers = request.Signatures.Where(s => s.Meaning == SignatureMeaning.Approved).Select(s => s.SignerId).Append(signerId)
            .ToHashSet(StringComparer.Ordinal);
        return approvers.Count >= request.Frozen.Rules.RequiredSignOffs && approvers.All(exceptionRecorders.Contains)
            ? "Separation of duties: you recorded a gate exception on this request, so your approval cannot be the one that approves it. " +
                "Another ComplianceReviewer, who recorded no exception on it, must approve."
            : null;
    }

    /// <summary>Null when the exception may be recorded; otherwise the field at fault and why.</summary>
    public static (string Field, string Message)? ExceptionProblem(ReleaseRequest request, string? gate, IEnumerable<string> knownGates,
        string? justification, DateTime now, DateTime? expiresAt)
    {
        if (request.Status != ReleaseStatus.Pending)
        {
            return ("status", $"Release request {request.Id} is already {request.Status.ToString().ToLowerInvariant()}; exceptions are recorded on pending requests only.");
        }
        if (string.IsNullOrWhiteSpace(gate) || !knownGates.Contains(gate, StringComparer.Ordinal))
        {
            return ("gate", $"Name one of the gates: {string.Join(", ", knownGates)}.");
        }
        if (string.IsNullOrWhiteSpace(justification))
        {
            return ("justification", "An exception needs a justification.");
        }
        if (justification.Trim().Length > GateException.JustificationMaxLength)
        {
            return ("justification", $"The justification is at most {GateException.JustificationMaxLength} characters.");
        }
        if (expiresAt is not { } expiry || expiry <= now)
        {
            return ("expiresAt", "An exception must expire in the future.");
        }
        return expiry - now > GateException.LongestValidity
            ? ("expiresAt", $"An exception lasts at most {GateException.LongestValidity.TotalDays:0} days.")
            : null;
    }
}

/// <summary>The people around a model that the rules need: its active owners (primary and backup) and its team's members.</summary>
public sealed record ModelPeople(string ModelKey, string Team, IReadOnlySet<string> Owners, IReadOnlySet<string> TeamMembers);

/// <summary>How the signer is signed in: by a service token (never allowed to sign) or as a person who authenticated at a time.</summary>
public sealed record SigningSession(DateTime? AuthenticatedAt, bool IsServiceToken)
{
    public static SigningSession ServiceToken { get; } = new(null, true);

    public static SigningSession Person(DateTime? authenticatedAt) => new(authenticatedAt, false);
}
