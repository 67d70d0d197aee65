namespace Portal.Web.Features.Evidence;

/// <summary>Configuration section "Evidence": the portal's key that signs every package's manifest.</summary>
public sealed class EvidenceOptions
{
    public const string Section = "Evidence";

    /// <summary>Default key file in Development and Testing, under the data folder, created when absent.</summary>
    public const string DevelopmentKeyPath = "data/evidence-signing-key.pem";

    /// <summary>A PEM file holding an ECDSA P-256 private key (PKCS#8 or SEC1), absolute or relative to the content root. Required in Production.</summary>
    public string? SigningKeyPath { get; set; }
}
