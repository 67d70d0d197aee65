namespace Portal.Domain.EvidencePackages;

/// <summary>The fixed names of an evidence package's files (format <see cref="Version"/>); every other file is a part's content.</summary>
public static class EvidencePackageFormat
{
    public const string Version = "mgp-evidence-v1";
    public const string Manifest = "manifest.json";
    public const string ManifestSignature = "manifest.sig";
    public const string SigningKey = "signing-key.pem";
    public const string Summary = "summary.html";
    public const string AuditEvents = "audit/events.json";
    public const string AuditChain = "audit/chain.json";
    public const string ReleaseRequests = "releases/requests.json";

    /// <summary>The file a signature's canonical snapshot is written to, so that <c>sha256sum</c> alone recomputes its hash.</summary>
    public static string SnapshotPath(int requestId, int signatureId) => $"releases/snapshots/request-{requestId}-signature-{signatureId}.json";
}
