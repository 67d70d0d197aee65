using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Portal.Domain.Audit;
using Portal.Domain.EvidencePackages;

namespace Portal.Domain.Tests.EvidencePackages;

/// <summary>
/// A small evidence package written from the format's description, independently of the portal's writer: a chain of six events
/// where the model's events are 2, 4 and 5 (others belong to another model), one release signature with its snapshot, a manifest
/// signed by <see cref="Key"/>.
/// </summary>
public sealed class TestPackage : IDisposable
{
    public const string ModelKey = "credit-default-pd";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public TestPackage()
    {
        var previous = AuditChain.GenesisHash;
        for (var i = 1; i <= 6; i++)
        {
            var audit = new AuditEvent
            {
                OccurredAt = new DateTime(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc).AddMinutes(i).AddTicks(1234),
                ActorId = "eric",
                ActorName = "Eric Engineer",
                Action = "Model.Updated",
                EntityType = "Model",
                EntityId = i is 2 or 4 or 5 ? ModelKey : "other-model",
                ModelKey = i is 2 or 4 or 5 ? ModelKey : "other-model",
                Before = $"{{\"name\":\"before {i}\"}}",
                After = $"{{\"name\":\"after {i}\"}}",
            };
            AuditChain.Append(audit, i - 1, previous);
            previous = audit.Hash;
            Chain.Add(audit);
        }
        Files["model.json"] = Encoding.UTF8.GetBytes($"{{\"key\":\"{ModelKey}\"}}");
        Files[EvidencePackageFormat.AuditEvents] = JsonSerializer.SerializeToUtf8Bytes(Chain.Where(a => a.ModelKey == ModelKey), Json);
        Files[EvidencePackageFormat.AuditChain] = JsonSerializer.SerializeToUtf8Bytes(
            Chain.Where(a => a.Sequence >= 2).Select(a => new ChainLink(a.Sequence, a.PreviousHash, a.Hash)), Json);
        var snapshot = "{\"request\":{\"id\":7},\"signature\":{\"reason\":\"Evidence complete\",\"signedAt\":\"2026-03-01T10:00:00.000Z\",\"signerId\":\"rita\"}}";
        Files[EvidencePackageFormat.SnapshotPath(7, 3)] = Encoding.UTF8.GetBytes(snapshot);
        Files[EvidencePackageFormat.ReleaseRequests] = Encoding.UTF8.GetBytes(
            $"[{{\"id\":7,\"signatures\":[{{\"id\":3,\"signerId\":\"rita\",\"reason\":\"Evidence complete\",\"snapshotSha256\":\"{Sha256(Encoding.UTF8.GetBytes(snapshot))}\"}}]}}]");
        Files[EvidencePackageFormat.SigningKey] = Encoding.UTF8.GetBytes(Key.ExportSubjectPublicKeyInfoPem() + "\n");
        Files[EvidencePackageFormat.Summary] = Encoding.UTF8.GetBytes("<!DOCTYPE html><title>Evidence</title>");
    }

    public ECDsa Key { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public string PublicKeyPem => Key.ExportSubjectPublicKeyInfoPem();

    public List<AuditEvent> Chain { get; } = [];

    public AuditEvent Head => Chain[^1];

    /// <summary>Every listed file's content, by path; change one and call <see cref="Zip"/> again (re-signed, as someone with the key would).</summary>
    public Dictionary<string, byte[]> Files { get; } = new(StringComparer.Ordinal);

    /// <summary>The manifest's bytes for the current files.</summary>
    public byte[] Manifest() => new EvidenceManifest(EvidencePackageFormat.Version, ModelKey, new DateTime(2026, 3, 2, 0, 0, 0, DateTimeKind.Utc),
        "Audrey Auditor (audrey)", null, null, null, Head.Sequence, Head.Hash,
        [.. Files.Select(f => new ManifestFile(f.Key, Sha256(f.Value), f.Value.Length))]).ToUtf8();

    /// <summary>Every entry of the archive, manifest and signature included, in the order they are zipped.</summary>
    public List<KeyValuePair<string, byte[]>> Entries(ECDsa? signer = null)
    {
        var manifest = Manifest();
        return
        [
            .. Files,
            KeyValuePair.Create(EvidencePackageFormat.Manifest, manifest),
            KeyValuePair.Create(EvidencePackageFormat.ManifestSignature, Encoding.ASCII.GetBytes(ManifestSignature.Sign(signer ?? Key, manifest))),
        ];
    }

    public byte[] Zip(ECDsa? signer = null) => Zip(Entries(signer));

    public static byte[] Zip(IEnumerable<KeyValuePair<string, byte[]>> entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (path, content) in entries)
            {
                // Stored as the portal stores them (EvidencePackageWriter).
                using var stream = zip.CreateEntry(path, CompressionLevel.NoCompression).Open();
                stream.Write(content);
            }
        }
        return buffer.ToArray();
    }

    public static Task<EvidenceVerification> VerifyAsync(byte[] zip, string? trustedKey = null, string? digest = null) =>
        EvidencePackageVerifier.VerifyAsync(new MemoryStream(zip), trustedKey, digest);

    public static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    public void Dispose() => Key.Dispose();
}
