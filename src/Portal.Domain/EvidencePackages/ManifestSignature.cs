using System.Security.Cryptography;
using System.Text;

namespace Portal.Domain.EvidencePackages;

/// <summary>
/// The manifest's signature: ECDSA P-256 with SHA-256 over the exact bytes of <c>manifest.json</c>, DER-encoded, written to
/// <c>manifest.sig</c> as one line of base64. The public key is a PEM SubjectPublicKeyInfo (<c>-----BEGIN PUBLIC KEY-----</c>),
/// so <c>openssl dgst -sha256 -verify key.pem -signature sig.der manifest.json</c> checks it too.
/// </summary>
public static class ManifestSignature
{
    public static string Sign(ECDsa key, byte[] manifest) =>
        Convert.ToBase64String(key.SignData(manifest, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence)) + "\n";

    /// <summary>Null when the signature verifies with the key; otherwise what is wrong.</summary>
    public static string? Problem(string publicKeyPem, byte[] manifest, byte[] signatureFile)
    {
        using var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(publicKeyPem);
        }
        catch (ArgumentException)
        {
            return "the public key is not a PEM-encoded EC public key";
        }
        catch (CryptographicException)
        {
            return "the public key is not a PEM-encoded EC public key";
        }
        if (key.KeySize != 256)
        {
            return $"the public key is a {key.KeySize}-bit EC key, not P-256";
        }
        byte[] signature;
        try
        {
            signature = Convert.FromBase64String(Encoding.ASCII.GetString(signatureFile));
        }
        catch (FormatException)
        {
            return "manifest.sig is not base64";
        }
        // Base64 decoding skips whitespace; only the exact form Sign writes is accepted, so that no byte of the file is free.
        if (!Encoding.ASCII.GetBytes(Convert.ToBase64String(signature) + "\n").AsSpan().SequenceEqual(signatureFile))
        {
            return "manifest.sig is not one line of base64 as the portal writes it";
        }
        return key.VerifyData(manifest, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence)
            ? null
            : "the signature does not match manifest.json with this key (the manifest was changed or signed by another key)";
    }
}
