using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using Portal.Benchmarks;

// Usage: dotnet run -c Release --project tests/Portal.Benchmarks -- [--quick] [--sql] [--seed-cache FILE] [--only writes,chain,inventory,flags,fairness,cards,asof,outputs,evidence,webhooks]
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var quick = args.Contains("--quick");
var showSql = args.Contains("--sql");
var seedCacheAt = Array.IndexOf(args, "--seed-cache");
var seedCache = seedCacheAt >= 0 && seedCacheAt + 1 < args.Length ? args[seedCacheAt + 1] : null;
var onlyAt = Array.IndexOf(args, "--only");
var only = onlyAt >= 0 && onlyAt + 1 < args.Length ? args[onlyAt + 1].Split(',') : ["writes", "chain", "inventory", "flags", "fairness", "cards", "asof", "outputs", "evidence", "webhooks"];
var sizes = quick ? Sizes.Quick : Sizes.Full;

#if DEBUG
Console.WriteLine("WARNING: Debug build; figures are meaningless. Run with -c Release.");
#endif
using (var version = new SqliteConnection("Data Source=:memory:"))
{
    version.Open();
    Console.WriteLine($"Portal benchmarks ({(quick ? "quick smoke run, small sizes" : "full sizes")})");
    Console.WriteLine($".NET {Environment.Version}, {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} logical CPUs, " +
        $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC, SQLite {version.ServerVersion}");
}
Console.WriteLine($"Temporary databases under {BenchDatabase.Folder}");
PrintLoad("before", warnAbove: Environment.ProcessorCount * 0.5);

try
{
    if (only.Contains("writes"))
    {
        await WriteBenchmarks.RunAsync(sizes);
    }
    if (only.Contains("chain"))
    {
        await ChainBenchmarks.RunAsync(sizes);
    }
    if (only.Contains("inventory"))
    {
        await InventoryBenchmarks.RunAsync(sizes, showSql);
    }
    if (only.Contains("flags"))
    {
        await FlagScanBenchmarks.RunAsync(sizes, seedCache);
    }
    if (only.Contains("fairness"))
    {
        await FairnessBenchmarks.RunAsync(sizes);
    }
    if (only.Contains("cards"))
    {
        await ModelCardBenchmarks.RunAsync(sizes);
    }
    if (only.Contains("asof"))
    {
        await AsOfBenchmarks.RunAsync(sizes);
    }
    if (only.Contains("outputs"))
    {
        await OutputBenchmarks.RunAsync(sizes);
    }
    if (only.Contains("evidence"))
    {
        await EvidenceBenchmarks.RunAsync(sizes);
    }
    if (only.Contains("webhooks"))
    {
        await WebhookBenchmarks.RunAsync(sizes);
    }
}
finally
{
    // Our own single-threaded run adds about 1 to the load.
    PrintLoad("after", warnAbove: (Environment.ProcessorCount * 0.5) + 1);
    SqliteConnection.ClearAllPools();
    if (Directory.Exists(BenchDatabase.Folder))
    {
        Directory.Delete(BenchDatabase.Folder, recursive: true);
    }
}

// Figures are only comparable on an otherwise idle machine; say so when it was not.
static void PrintLoad(string when, double warnAbove)
{
    const string LoadAverage = "/proc/loadavg";
    if (File.Exists(LoadAverage))
    {
        var load = File.ReadAllText(LoadAverage).Split(' ')[0];
        var busy = double.Parse(load, CultureInfo.InvariantCulture) > warnAbove;
        Console.WriteLine($"Load average {when}: {load}{(busy ? "  (WARNING: machine busy, figures will be low and noisy)" : "")}");
    }
}
