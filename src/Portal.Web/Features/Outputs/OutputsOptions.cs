using System.ComponentModel.DataAnnotations;

namespace Portal.Web.Features.Outputs;

/// <summary>Configuration section "Outputs" (the store's folder is <c>Outputs:Storage:Path</c>), validated at start-up.</summary>
public sealed class OutputsOptions
{
    public const string Section = "Outputs";

    /// <summary>Largest data file accepted for an output; larger uploads are refused with 413 and nothing is stored.</summary>
    [Range(1, long.MaxValue, ErrorMessage = "Outputs:MaxUploadBytes must be at least 1.")]
    public long MaxUploadBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>
    /// Base64 key (at least 32 bytes) of the hash masking function. Without it the key is derived from the portal's first
    /// data-protection key, so hashes stay stable across restarts and instances; set it to keep them stable across a new key ring.
    /// </summary>
    [MaxLength(1024)]
    public string? HashKey { get; set; }

    /// <summary>
    /// Stored masked copies kept per output (one per masking plan, the oldest removed first); 0 masks every download from the
    /// original and stores none.
    /// </summary>
    [Range(0, 100, ErrorMessage = "Outputs:MaskedCopiesPerOutput must be between 0 and 100.")]
    public int MaskedCopiesPerOutput { get; set; } = 4;

    /// <summary>Rows shown in the preview on an output's page.</summary>
    [Range(1, 200, ErrorMessage = "Outputs:PreviewRows must be between 1 and 200.")]
    public int PreviewRows { get; set; } = 20;
}
