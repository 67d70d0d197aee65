using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Portal.Domain.Audit;
using Portal.Domain.EvidencePackages;

namespace Portal.Cli.Tests.Evidence;

public sealed class EvidenceVerifyCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("evidence-cli-").FullName;
    private readonly ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly StringWriter output = new();
    private readonly StringWriter error = new();

    [Fact]
    public async Task An_intact_package_exits_0()
    {
        var package = Package(Encoding.UTF8.GetBytes("{\"key\":\"m\"}"));

        var exit = await RunAsync("evidence", "verify", package, "--public-key", PublicKey());

        Assert.Equal(0, exit);
        Assert.Contains("intact", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_changed_file_exits_1_naming_the_file()
    {
        var package = Package(Encoding.UTF8.GetBytes("{\"key\":\"m\"}"), tamper: content => content[3] ^= 1);

        var exit = await RunAsync("evidence", "verify", package, "--public-key", PublicKey());

        Assert.Equal(1, exit);
        Assert.Contains("BROKEN: model.json: SHA-256", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_is_not_a_package_exits_1()
    {
        var path = Path.Combine(folder, "notes.zip");
        await File.WriteAllTextAsync(path, "not a zip");

        Assert.Equal(1, await RunAsync("evidence", "verify", path));
        Assert.Contains("not a readable ZIP archive", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("no-package")]
    [InlineData("missing-file")]
    [InlineData("missing-key")]
    [InlineData("stray-argument")]
    public async Task Usage_errors_exit_2_with_a_message(string mistake)
    {
        var package = Package(Encoding.UTF8.GetBytes("{}"));
        string[] args = mistake switch
        {
            "no-package" => ["evidence", "verify"],
            "missing-file" => ["evidence", "verify", Path.Combine(folder, "absent.zip")],
            "missing-key" => ["evidence", "verify", package, "--public-key", Path.Combine(folder, "absent.pem")],
            _ => ["evidence", "verify", package, "extra"],
        };

        Assert.Equal(2, await RunAsync(args));
        Assert.NotEmpty(error.ToString());
    }

    private Task<int> RunAsync(params string[] args) => PortalCommandLine.InvokeAsync(args, output, error);

    private string PublicKey()
    {
        var path = Path.Combine(folder, "portal-key.pem");
        File.WriteAllText(path, key.ExportSubjectPublicKeyInfoPem());
        return path;
    }

    /// <summary>A package (files stored, as the portal writes them) with model.json and an empty audit slice at the genesis, signed; <paramref name="tamper"/> changes model.json after signing.</summary>
    private string Package(byte[] model, Action<byte[]>? tamper = null)
    {
        var files = new Dictionary<string, byte[]>
        {
            ["model.json"] = model,
            [EvidencePackageFormat.AuditEvents] = "[]"u8.ToArray(),
            [EvidencePackageFormat.AuditChain] = "[]"u8.ToArray(),
        };
        var manifest = new EvidenceManifest(EvidencePackageFormat.Version, "m", DateTime.UtcNow, "test", null, null, null, 0, AuditChain.GenesisHash,
            [.. files.Select(f => new ManifestFile(f.Key, Convert.ToHexStringLower(SHA256.HashData(f.Value)), f.Value.Length))]).ToUtf8();
        tamper?.Invoke(model);
        files[EvidencePackageFormat.Manifest] = manifest;
        files[EvidencePackageFormat.ManifestSignature] = Encoding.ASCII.GetBytes(ManifestSignature.Sign(key, manifest));
        var path = Path.Combine(folder, $"package-{Guid.NewGuid():N}.zip");
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (name, content) in files)
        {
            // Stored, as the portal writes packages: the verifier refuses a compressed entry.
            using var entry = zip.CreateEntry(name, CompressionLevel.NoCompression).Open();
            entry.Write(content);
        }
        return path;
    }

    public void Dispose()
    {
        key.Dispose();
        Directory.Delete(folder, recursive: true);
    }
}
