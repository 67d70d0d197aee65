namespace Portal.Web.Features.Versions;

/// <summary>Addresses of the versions pages, escaped once here rather than in every link.</summary>
public static class VersionLinks
{
    public static string Compare(string modelKey, string left, string right) =>
        $"models/{Uri.EscapeDataString(modelKey)}/versions/compare?left={Uri.EscapeDataString(left)}&right={Uri.EscapeDataString(right)}";
}
