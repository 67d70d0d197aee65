using Portal.Domain.Audit;

namespace Portal.Domain.Releases;

/// <summary>
/// An electronic signature on a release request (21 CFR Part 11 §11.50, §11.70): who (id and full name), when (UTC),
/// what it means, why, and the SHA-256 of the canonical snapshot of exactly what was signed. The point-in-time
/// evidence (gate results, exceptions, evidence references) is stored with it; the rest is read back from the request
/// and version rows when verifying, so changing any of them afterwards makes verification fail.
/// </summary>
public sealed class ReleaseSignature : IAuditedEntity
{
    public int Id { get; private set; }
    public int RequestId { get; private set; }
    public string ModelKey { get; private set; } = "";
    public string SignerId { get; private set; } = "";
    public string SignerName { get; private set; } = "";
    public DateTime SignedAt { get; private set; }
    public DateTime AuthenticatedAt { get; private set; }
    public SignatureMeaning Meaning { get; private set; }
    public string Reason { get; private set; } = "";

    /// <summary>Whether the signer was a member of the model's team when signing (High tier needs one from outside).</summary>
    public bool SignerInModelTeam { get; private set; }

    /// <summary>Canonical JSON of the evidence as it stood when signing: gate results, exceptions, evidence references.</summary>
    public string Evidence { get; private set; } = "";

    public string SnapshotSha256 { get; private set; } = "";

    /// <summary>
    /// This signature met the frozen policy and approved the request; its snapshot then covers the request's approval time
    /// and revalidation due date, so neither can be changed afterwards without failing verification.
    /// </summary>
    public bool Approves { get; private set; }

    public string AuditEntityType => "ReleaseSignature";
    public string AuditEntityId => $"release-{RequestId}:{SignerId}:{Meaning}";
    public string? AuditModelKey => ModelKey;
    public string? PendingAuditAction { get; private set; }

    /// <param name="approves">Whether this signature meets the frozen policy and so approves the request at <see cref="SignerDetails.SignedAt"/>.</param>
    public static ReleaseSignature Create(ReleaseRequest request, SignedVersion version, SignerDetails signer, SignedEvidence evidence, bool approves = false)
    {
        var signature = new ReleaseSignature
        {
            RequestId = request.Id,
            ModelKey = request.ModelKey,
            SignerId = signer.Id,
            SignerName = signer.Name,
            SignedAt = signer.SignedAt,
            AuthenticatedAt = signer.AuthenticatedAt,
            Meaning = signer.Meaning,
            Reason = signer.Reason.Trim(),
            SignerInModelTeam = signer.InModelTeam,
            Evidence = evidence.ToCanonicalJson(),
            Approves = approves,
            PendingAuditAction = signer.Meaning == SignatureMeaning.Rejected ? "Release.SignedRejection" : "Release.Signed",
        };
        var approval = approves ? new SignedApproval(signer.SignedAt, request.RevalidationDueFor(signer.SignedAt)) : null;
        signature.SnapshotSha256 = SignedSnapshot.Sha256(SignedSnapshot.CanonicalJson(request, version, signature, approval));
        return signature;
    }

    /// <summary>True when the stored hash still matches the snapshot recomputed from the stored records.</summary>
    public bool Verify(ReleaseRequest request, SignedVersion version) =>
        string.Equals(SnapshotSha256, SignedSnapshot.Sha256(request, version, this), StringComparison.Ordinal);

    public void ClearPendingAuditAction() => PendingAuditAction = null;
}

/// <summary>Who signs, when, meaning what and why.</summary>
public sealed record SignerDetails(string Id, string Name, SignatureMeaning Meaning, string Reason, DateTime SignedAt, DateTime AuthenticatedAt,
    bool InModelTeam);
