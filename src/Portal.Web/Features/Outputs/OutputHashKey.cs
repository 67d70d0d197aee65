using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using Portal.Domain.Outputs;

namespace Portal.Web.Features.Outputs;

/// <summary>The masking functions with the portal's hash key: the configured one, or one derived from the oldest data-protection key.</summary>
public sealed class OutputHashKey(IOptions<OutputsOptions> options, IKeyManager keys, IDataProtectionProvider protection)
{
    private readonly Lazy<(OutputMasking Masking, string Id)> key = new(() => Loaded(Load(options.Value, keys, protection)));

    public OutputMasking Masking => key.Value.Masking;

    /// <summary>Names the key without revealing it (a keyed hash of a fixed label), so stored masked copies say which key made them.</summary>
    public string KeyId => key.Value.Id;

    private static (OutputMasking, string) Loaded(byte[] material) =>
        (new OutputMasking(material), Convert.ToHexStringLower(HMACSHA256.HashData(material, "Portal.Outputs.KeyId"u8)[..16]));

    private static byte[] Load(OutputsOptions options, IKeyManager keys, IDataProtectionProvider protection)
    {
        if (!string.IsNullOrWhiteSpace(options.HashKey))
        {
            var configured = Convert.FromBase64String(options.HashKey);
            return configured.Length >= 32 ? configured : throw new InvalidOperationException("Outputs:HashKey must be at least 32 bytes (base64).");
        }
        if (keys.GetAllKeys().Count == 0)
        {
            // The key ring is created on first use; make it exist.
            protection.CreateProtector("Portal.Outputs").Protect([0]);
        }
        var oldest = keys.GetAllKeys().OrderBy(k => k.CreationDate).ThenBy(k => k.KeyId).First();
        var material = Encoding.UTF8.GetBytes(oldest.Descriptor.ExportToXml().SerializedDescriptorElement.ToString());
        return HKDF.DeriveKey(HashAlgorithmName.SHA256, material, 32, salt: [], info: "Portal.Outputs.Hash"u8.ToArray());
    }
}
