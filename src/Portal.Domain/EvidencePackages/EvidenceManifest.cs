using System.Text.Json;

namespace Portal.Domain.EvidencePackages;

/// <summary>One file of a package as the manifest lists it: its path, SHA-256 (lower-case hex) and size in bytes.</summary>
public sealed record ManifestFile(string Path, string Sha256, long Size);

/// <summary>
/// <c>manifest.json</c>: the package's format, the model and range it covers, when and by whom it was built, the audit chain's
/// head it was checked against, and every other file with its SHA-256 and size (except <c>manifest.json</c> and
/// <c>manifest.sig</c>). The signature covers the manifest's exact bytes, so it needs no canonical form.
/// </summary>
public sealed record EvidenceManifest(string Format, string ModelKey, DateTime GeneratedAt, string GeneratedBy, DateTime? From, DateTime? To,
    string? Version, long ChainHeadSequence, string ChainHeadHash, IReadOnlyList<ManifestFile> Files)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public byte[] ToUtf8() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    /// <summary>The manifest, or null when the bytes are not one (the verifier reports that).</summary>
    public static EvidenceManifest? Parse(byte[] utf8)
    {
        try
        {
            var manifest = JsonSerializer.Deserialize<EvidenceManifest>(utf8, Json);
            // Deserialization leaves a missing property null whatever its declared type; a manifest missing any is no manifest.
            return manifest is { Format: EvidencePackageFormat.Version, ModelKey: not null, ChainHeadHash: not null, Files: not null }
                && manifest.Files.All(f => f is { Path: not null, Sha256: not null })
                ? manifest
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
