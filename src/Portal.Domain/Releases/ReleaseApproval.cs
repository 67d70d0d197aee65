using System.Globalization;
using System.Text.Json.Nodes;

namespace Portal.Domain.Releases;

/// <summary>Whether a release request is approved, recomputed from its signatures: approved or not, why not, and the approval's dates.</summary>
public sealed record ApprovalJudgement(bool Approved, IReadOnlyList<string> Reasons, DateTime? ApprovedAt, DateTime? RevalidationDueAt);

/// <summary>
/// Recomputes a request's approval from what was signed, never from its stored status: every signature must verify
/// (its hash recomputed from the stored rows), no one rejected it, the signature marked as approving must be the one that
/// met the frozen policy (sign-offs, a reviewer outside the team, someone other than an exception's recorder), and when
/// the frozen policy requires every gate, the gates it signed must have passed or been covered by an exception it signed.
/// </summary>
public static class ReleaseApproval
{
    public static ApprovalJudgement Judge(ReleaseRequest request, SignedVersion version, IReadOnlySet<string> exceptionRecorders)
    {
        var reasons = new List<string>();
        var signatures = request.Signatures.OrderBy(s => s.SignedAt).ThenBy(s => s.Id).ToList();
        reasons.AddRange(signatures.Where(s => !s.Verify(request, version)).Select(s =>
            $"The {s.Meaning.ToString().ToLowerInvariant()} signature of {s.SignerName} ({Day(s.SignedAt)}) on release request {request.Id} fails verification: " +
            "the stored records no longer match what was signed."));
        reasons.AddRange(signatures.Where(s => s.Meaning == SignatureMeaning.Rejected).Select(s => $"{s.SignerName} rejected release request {request.Id}."));
        var approving = signatures.Where(s => s.Approves).ToList();
        if (approving.Count != 1)
        {
            reasons.Add(approving.Count == 0
                ? $"No signature approved release request {request.Id}."
                : $"More than one signature of release request {request.Id} claims to approve it.");
            return new ApprovalJudgement(false, reasons, null, null);
        }
        var approval = approving[0];
        var frozen = request.Frozen;
        var upToApproval = signatures.TakeWhile(s => s != approval).Append(approval).ToList();
        var judgedBy = $"Judged by {frozen.Describe()}";
        if (approval.Meaning != SignatureMeaning.Approved)
        {
            reasons.Add($"The signature of {approval.SignerName} that claims to approve release request {request.Id} means {approval.Meaning}.");
        }
        else if (ReleaseRules.PolicyShortfall(frozen.Rules, upToApproval, exceptionRecorders) is { } shortfall)
        {
            reasons.Add($"{judgedBy}, release request {request.Id} is not approved: {shortfall}");
        }
        if (frozen.Rules.RequireAllGates && UncoveredGates(approval) is { Count: > 0 } failing)
        {
            reasons.Add($"{judgedBy}, every gate must pass, yet when {approval.SignerName} approved these failed without an exception: {string.Join(", ", failing)}.");
        }
        return new ApprovalJudgement(reasons.Count == 0, reasons, request.ApprovedAt, request.RevalidationDueAt);
    }

    /// <summary>The gates the approving signature saw failing and no exception it saw (valid at that moment) covered.</summary>
    private static List<string> UncoveredGates(ReleaseSignature approval)
    {
        var evidence = JsonNode.Parse(approval.Evidence);
        var excepted = (evidence?["exceptions"]?.AsArray() ?? []).OfType<JsonNode>()
            .Where(e => DateTime.TryParse((string?)e["expiresAt"], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var expires)
                && approval.SignedAt < expires)
            .Select(e => (string?)e["gate"]).OfType<string>().ToHashSet(StringComparer.Ordinal);
        return [.. SignedEvidence.GatesFrom(approval.Evidence).Where(g => !g.Passed && !excepted.Contains(g.Gate)).Select(g => g.Gate)];
    }

    private static string Day(DateTime utc) => utc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
