using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Portal.Domain.Audit;

namespace Portal.Domain.EvidencePackages;

/// <summary>
/// Verifies an evidence package offline: the manifest's signature (with a key the caller trusts, else the one in the package),
/// every listed file's SHA-256 and size, no file missing or extra, each release signature's snapshot against its recorded
/// hash, and the audit slice against the chain and, when given, a digest kept outside the portal.
/// </summary>
public sealed class EvidencePackageVerifier
{
    private readonly List<string> problems = [];
    private readonly List<string> checkedItems = [];

    /// <param name="trustedPublicKeyPem">The portal's public key obtained from the portal itself; null to use the package's own copy.</param>
    /// <param name="digest">A digest kept outside the portal (<c>mgp-audit-v1:N:hash</c>, or the head's hash alone); null for none.</param>
    public static async Task<EvidenceVerification> VerifyAsync(Stream package, string? trustedPublicKeyPem, string? digest,
        CancellationToken cancellationToken = default)
    {
        var verifier = new EvidencePackageVerifier();
        // The reader below looks only at the fields it needs; the layout check covers every other byte of the file.
        if (await ZipLayout.ProblemAsync(package, cancellationToken) is { } layout)
        {
            verifier.problems.Add(layout);
        }
        if (package.CanSeek)
        {
            package.Position = 0;
        }
        try
        {
            await using var zip = await ZipArchive.CreateAsync(package, ZipArchiveMode.Read, leaveOpen: true, entryNameEncoding: null, cancellationToken);
            await verifier.VerifyAsync(zip, trustedPublicKeyPem, digest, cancellationToken);
        }
        catch (InvalidDataException e)
        {
            verifier.problems.Add($"the package is not a readable ZIP archive ({e.Message})");
        }
        return new EvidenceVerification(verifier.problems, verifier.checkedItems);
    }

    private async Task VerifyAsync(ZipArchive zip, string? trustedPublicKeyPem, string? digestText, CancellationToken cancellationToken)
    {
        var entries = Index(zip);
        if (await ReadAsync(entries, EvidencePackageFormat.Manifest, cancellationToken) is not { } manifestBytes
            || await ReadAsync(entries, EvidencePackageFormat.ManifestSignature, cancellationToken) is not { } signature)
        {
            return;
        }
        var manifest = EvidenceManifest.Parse(manifestBytes);
        if (manifest is null)
        {
            problems.Add($"{EvidencePackageFormat.Manifest} is not a {EvidencePackageFormat.Version} manifest");
            return;
        }
        await CheckSignatureAsync(entries, trustedPublicKeyPem, manifestBytes, signature, cancellationToken);
        await CheckFilesAsync(entries, manifest, cancellationToken);
        await CheckReleaseSignaturesAsync(entries, manifest, cancellationToken);
        if (ParseDigest(digestText, manifest) is var (digest, valid) && valid)
        {
            await CheckAuditSliceAsync(entries, manifest, digest, cancellationToken);
        }
    }

    private Dictionary<string, ZipArchiveEntry> Index(ZipArchive zip)
    {
        var entries = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
        foreach (var entry in zip.Entries)
        {
            if (!entries.TryAdd(entry.FullName, entry))
            {
                problems.Add($"{entry.FullName} appears twice in the archive");
            }
        }
        return entries;
    }

    private async Task CheckSignatureAsync(Dictionary<string, ZipArchiveEntry> entries, string? trustedPublicKeyPem, byte[] manifest, byte[] signature,
        CancellationToken cancellationToken)
    {
        var key = trustedPublicKeyPem;
        if (key is null)
        {
            if (await ReadAsync(entries, EvidencePackageFormat.SigningKey, cancellationToken) is not { } packaged)
            {
                return;
            }
            key = Encoding.UTF8.GetString(packaged);
            checkedItems.Add($"manifest signature checked with the key inside the package ({EvidencePackageFormat.SigningKey}); pass the portal's key with --public-key to trust only it");
        }
        if (ManifestSignature.Problem(key, manifest, signature) is { } problem)
        {
            problems.Add($"{EvidencePackageFormat.ManifestSignature}: {problem}");
            return;
        }
        checkedItems.Add($"{EvidencePackageFormat.ManifestSignature}: the manifest's signature verifies");
    }

    private async Task CheckFilesAsync(Dictionary<string, ZipArchiveEntry> entries, EvidenceManifest manifest, CancellationToken cancellationToken)
    {
        var listed = new HashSet<string>(StringComparer.Ordinal) { EvidencePackageFormat.Manifest, EvidencePackageFormat.ManifestSignature };
        foreach (var file in manifest.Files)
        {
            if (!listed.Add(file.Path))
            {
                problems.Add($"{EvidencePackageFormat.Manifest} lists {file.Path} twice");
                continue;
            }
            if (!entries.TryGetValue(file.Path, out var entry))
            {
                problems.Add($"{file.Path} is listed in the manifest but missing from the package");
                continue;
            }
            var (sha256, size) = await HashAsync(entry, cancellationToken);
            if (sha256 is null)
            {
                continue;
            }
            if (size != file.Size || !string.Equals(sha256, file.Sha256, StringComparison.Ordinal))
            {
                problems.Add($"{file.Path}: SHA-256 {sha256} ({size} bytes) differs from the manifest's {file.Sha256} ({file.Size} bytes); the file was changed");
            }
        }
        foreach (var extra in entries.Keys.Where(name => !listed.Contains(name)).Order(StringComparer.Ordinal))
        {
            problems.Add($"{extra} is in the package but not in the manifest (a file was added)");
        }
        checkedItems.Add($"{manifest.Files.Count} files against the manifest's SHA-256 and sizes");
    }

    private async Task CheckReleaseSignaturesAsync(Dictionary<string, ZipArchiveEntry> entries, EvidenceManifest manifest, CancellationToken cancellationToken)
    {
        if (!manifest.Files.Any(f => f.Path == EvidencePackageFormat.ReleaseRequests)
            || await ReadAsync(entries, EvidencePackageFormat.ReleaseRequests, cancellationToken) is not { } bytes)
        {
            return;
        }
        var count = 0;
        try
        {
            using var requests = JsonDocument.Parse(bytes);
            foreach (var request in requests.RootElement.EnumerateArray())
            {
                foreach (var signature in request.GetProperty("signatures").EnumerateArray())
                {
                    await CheckSnapshotAsync(entries, request.GetProperty("id").GetInt32(), signature, cancellationToken);
                    count++;
                }
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            problems.Add($"{EvidencePackageFormat.ReleaseRequests} does not have the expected shape ({e.Message})");
            return;
        }
        checkedItems.Add($"{count} release signature(s) against their canonical snapshots");
    }

    private async Task CheckSnapshotAsync(Dictionary<string, ZipArchiveEntry> entries, int requestId, JsonElement signature, CancellationToken cancellationToken)
    {
        var signatureId = signature.GetProperty("id").GetInt32();
        var path = EvidencePackageFormat.SnapshotPath(requestId, signatureId);
        var where = $"release request {requestId}, signature {signatureId}";
        if (await ReadAsync(entries, path, cancellationToken) is not { } snapshot)
        {
            return;
        }
        var recorded = signature.GetProperty("snapshotSha256").GetString();
        if (!string.Equals(Convert.ToHexStringLower(SHA256.HashData(snapshot)), recorded, StringComparison.Ordinal))
        {
            problems.Add($"{path}: the snapshot does not hash to the SHA-256 recorded with {where} ({recorded})");
            return;
        }
        using var parsed = JsonDocument.Parse(snapshot);
        var signed = parsed.RootElement.GetProperty("signature");
        if (parsed.RootElement.GetProperty("request").GetProperty("id").GetInt32() != requestId
            || signed.GetProperty("signerId").GetString() != signature.GetProperty("signerId").GetString()
            || signed.GetProperty("reason").GetString() != signature.GetProperty("reason").GetString())
        {
            problems.Add($"{path}: the snapshot names another request, signer or reason than {where}");
        }
    }

    private (ChainDigest? Digest, bool Valid) ParseDigest(string? text, EvidenceManifest manifest)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, true);
        }
        if (ChainDigest.TryParse(text, out var digest))
        {
            return (digest, true);
        }
        var hash = text.Trim();
        if (hash.Length == 64 && hash.All(char.IsAsciiHexDigit))
        {
            return (new ChainDigest(manifest.ChainHeadSequence, hash.ToLowerInvariant()), true);
        }
        problems.Add("the digest must be mgp-audit-v1:{event number}:{64 hex characters} or 64 hex characters (the head's hash)");
        return (null, false);
    }

    private async Task CheckAuditSliceAsync(Dictionary<string, ZipArchiveEntry> entries, EvidenceManifest manifest, ChainDigest? digest,
        CancellationToken cancellationToken)
    {
        if (!entries.TryGetValue(EvidencePackageFormat.AuditEvents, out var eventsEntry) || !entries.TryGetValue(EvidencePackageFormat.AuditChain, out var chainEntry))
        {
            problems.Add($"{EvidencePackageFormat.AuditEvents} and {EvidencePackageFormat.AuditChain} must both be in the package");
            return;
        }
        var slice = new AuditSliceVerifier(manifest.ModelKey, manifest.ChainHeadSequence, manifest.ChainHeadHash, digest);
        try
        {
            await using var events = await eventsEntry.OpenAsync(cancellationToken);
            await using var chain = await chainEntry.OpenAsync(cancellationToken);
            await slice.VerifyAsync(events, chain, cancellationToken);
        }
        catch (InvalidDataException e)
        {
            problems.Add($"the audit slice cannot be read ({e.Message})");
            return;
        }
        problems.AddRange(slice.Problems);
        checkedItems.Add($"{slice.EventsChecked} audit event(s) of {manifest.ModelKey} recomputed and linked through {slice.LinksChecked} chain link(s) to head event {manifest.ChainHeadSequence}"
            + (digest is null ? "" : $", checked against digest {digest}"));
    }

    private async Task<byte[]?> ReadAsync(Dictionary<string, ZipArchiveEntry> entries, string path, CancellationToken cancellationToken)
    {
        if (!entries.TryGetValue(path, out var entry))
        {
            problems.Add($"{path} is missing from the package");
            return null;
        }
        try
        {
            await using var stream = await entry.OpenAsync(cancellationToken);
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy, cancellationToken);
            return copy.ToArray();
        }
        catch (InvalidDataException e)
        {
            problems.Add($"{path} cannot be read ({e.Message})");
            return null;
        }
    }

    private async Task<(string? Sha256, long Size)> HashAsync(ZipArchiveEntry entry, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await entry.OpenAsync(cancellationToken);
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[81920];
            long size = 0;
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                size += read;
            }
            return (Convert.ToHexStringLower(hash.GetHashAndReset()), size);
        }
        catch (InvalidDataException e)
        {
            problems.Add($"{entry.FullName} cannot be read ({e.Message})");
            return (null, 0);
        }
    }
}
