using System.Diagnostics;

namespace Portal.Benchmarks;

/// <summary>
/// Timings in milliseconds. Percentiles interpolate between ranks (like PERCENTILE.INC), so a
/// handful of whole runs still gives a meaningful p95 (close to the slowest run).
/// </summary>
internal sealed class Samples
{
    private readonly List<double> milliseconds = [];

    public int Count => milliseconds.Count;

    public double Median => Percentile(0.50);

    public double P95 => Percentile(0.95);

    public void Add(TimeSpan elapsed) => milliseconds.Add(elapsed.TotalMilliseconds);

    /// <summary>Adds the time since <paramref name="startTimestamp"/> (from <see cref="Stopwatch.GetTimestamp"/>).</summary>
    public void AddSince(long startTimestamp) => Add(Stopwatch.GetElapsedTime(startTimestamp));

    public double Percentile(double fraction)
    {
        if (milliseconds.Count == 0)
        {
            return double.NaN;
        }
        var sorted = milliseconds.Order().ToArray();
        var rank = fraction * (sorted.Length - 1);
        var low = (int)Math.Floor(rank);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + ((rank - low) * (sorted[high] - sorted[low]));
    }
}

internal static class Measure
{
    /// <summary>Times one run of <paramref name="body"/>.</summary>
    public static async Task<TimeSpan> TimeAsync(Func<Task> body)
    {
        var start = Stopwatch.GetTimestamp();
        await body();
        return Stopwatch.GetElapsedTime(start);
    }

    /// <summary>Starts a timed run from a settled heap, so garbage left by setup is not charged to it.</summary>
    public static void SettleHeap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}

/// <summary>How the harness prints: one line per figure, aligned, with the issue's target where it has one.</summary>
internal static class Report
{
    private const int LabelWidth = 58;

    public static void Section(string title)
    {
        Console.WriteLine();
        Console.WriteLine(title);
        Console.WriteLine(new string('-', title.Length));
    }

    public static void Note(string text) => Console.WriteLine($"  {text}");

    /// <summary>Throughput of runs that each did <paramref name="count"/> operations: the median run and the p95 (slow) run.</summary>
    public static double Rate(string label, long count, Samples runs, string unit, double? target = null)
    {
        var median = count / (runs.Median / 1000);
        var slow = count / (runs.P95 / 1000);
        var verdict = target is { } goal ? $"   target >= {goal:N0}: {(median >= goal ? "MET" : "MISSED")}" : "";
        Console.WriteLine($"  {label,-LabelWidth} {median,12:N0} {unit}/s median  {slow,12:N0} {unit}/s p95 run  ({runs.Count} x {count:N0}){verdict}");
        return median;
    }

    public static void Latency(string label, Samples samples, string? suffix = null) =>
        Console.WriteLine($"  {label,-LabelWidth} p50 {samples.Median,9:N3} ms   p95 {samples.P95,9:N3} ms   ({samples.Count:N0} samples){suffix}");
}
