using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Portal.Web.Features.Evidence;

/// <summary>
/// The portal's manifest signing key (ECDSA P-256), loaded once from <see cref="EvidenceOptions.SigningKeyPath"/>. In
/// Development and Testing a missing key is generated under the data folder so that the portal runs with one command; elsewhere
/// start-up fails without a readable P-256 key (<see cref="EvidenceOptionsValidation"/>).
/// </summary>
public sealed class EvidenceSigningKey : IDisposable
{
    private readonly ECDsa key;

    public EvidenceSigningKey(IOptions<EvidenceOptions> options, IHostEnvironment environment)
    {
        var path = EvidenceOptionsValidation.ResolvePath(options.Value, environment)
            ?? throw new InvalidOperationException("Evidence:SigningKeyPath is not set.");
        if (!File.Exists(path) && EvidenceOptionsValidation.MayCreateKey(environment))
        {
            Create(path);
        }
        key = Load(path);
        PublicKeyPem = key.ExportSubjectPublicKeyInfoPem() + "\n";
    }

    /// <summary>The public half as PEM (SubjectPublicKeyInfo), published at <c>GET /api/v1/evidence/signing-key</c> and put in every package.</summary>
    public string PublicKeyPem { get; }

    public ECDsa Key => key;

    /// <summary>Reads a P-256 private key from a PEM file; throws with a message saying what is wrong.</summary>
    public static ECDsa Load(string path)
    {
        var loaded = ECDsa.Create();
        try
        {
            loaded.ImportFromPem(File.ReadAllText(path));
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            loaded.Dispose();
            throw new InvalidOperationException($"Evidence:SigningKeyPath ({path}) does not hold a PEM-encoded EC private key: {e.Message}", e);
        }
        if (loaded.KeySize != 256)
        {
            loaded.Dispose();
            throw new InvalidOperationException($"Evidence:SigningKeyPath ({path}) holds a {loaded.KeySize}-bit EC key; the portal signs with P-256.");
        }
        return loaded;
    }

    private static void Create(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var created = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        // Written aside and moved into place, so that portals starting together never read a half-written key: the first move wins.
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        File.WriteAllText(temporary, created.ExportPkcs8PrivateKeyPem() + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        try
        {
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
        }
    }

    public void Dispose() => key.Dispose();
}
