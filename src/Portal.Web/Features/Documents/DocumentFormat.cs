using System.Globalization;

namespace Portal.Web.Features.Documents;

/// <summary>How the Documents tab writes sizes and hashes for people.</summary>
public static class DocumentFormat
{
    public static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes.ToString("N0", CultureInfo.InvariantCulture)} B",
        < 1024 * 1024 => $"{(bytes / 1024.0).ToString("N1", CultureInfo.InvariantCulture)} KB",
        _ => $"{(bytes / (1024.0 * 1024)).ToString("N1", CultureInfo.InvariantCulture)} MB",
    };

    /// <summary>The first 12 hex digits, enough to tell files apart at a glance; the whole hash is in the tooltip and the copy.</summary>
    public static string ShortHash(string sha256) => sha256.Length <= 12 ? sha256 : sha256[..12] + "…";
}
