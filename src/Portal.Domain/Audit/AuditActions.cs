namespace Portal.Domain.Audit;

/// <summary>Audit action names that are not derived from an entity change.</summary>
public static class AuditActions
{
    public const string AccessDenied = "Access.Denied";
    public const string SignedIn = "User.SignedIn";
    public const string ServiceTokenUsed = "ServiceToken.Used";
    public const string AuditTrailExported = "AuditTrail.Exported";
    public const string AuditTrailVerified = "AuditTrail.Verified";
    public const string EvidencePackageBuilt = "EvidencePackage.Built";
}
