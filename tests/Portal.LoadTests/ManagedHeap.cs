using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Portal.LoadTests;

/// <summary>The server's live managed heap, from one dump taken by dotnet-gcdump (a global tool: dotnet tool install -g dotnet-gcdump).</summary>
internal static partial class ManagedHeap
{
    public static async Task<long?> LiveBytesAsync(int pid, CancellationToken cancellationToken)
    {
        var tool = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools", "dotnet-gcdump");
        if (!File.Exists(tool))
        {
            LoadReport.Note("dotnet-gcdump is not installed (dotnet tool install -g dotnet-gcdump): no managed-heap figure.");
            return null;
        }
        using var process = Process.Start(new ProcessStartInfo(tool, $"report -p {pid}") { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var total = HeapBytes().Match(output);
        return total.Success ? long.Parse(total.Groups[1].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture) : null;
    }

    [GeneratedRegex(@"([\d,]+)\s+GC Heap bytes")]
    private static partial Regex HeapBytes();
}
