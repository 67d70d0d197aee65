using System.ComponentModel.DataAnnotations;

namespace Portal.Web.Features.Documents;

/// <summary>Configuration section "Documents", validated at start-up; the files themselves live in the "Documents:Storage" content store.</summary>
public sealed class DocumentOptions
{
    public const string Section = "Documents";

    /// <summary>Largest document accepted, by the API and the upload dialog alike. 25 MB holds a long validation report with figures.</summary>
    [Range(1, 1L << 32, ErrorMessage = "Documents:MaxUploadBytes must be between 1 and 4294967296 (4 GB).")]
    public long MaxUploadBytes { get; set; } = 25L * 1024 * 1024;
}
