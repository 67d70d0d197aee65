namespace Portal.IntegrationTests.Infrastructure;

/// <summary>Files of the repository the tests run from (found by walking up to Portal.sln).</summary>
public static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Portal.sln")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException($"No Portal.sln above {AppContext.BaseDirectory}.");
    }
}
