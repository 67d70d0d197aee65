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

/// <summary>
/// Elapsed (wall-clock) time, which the targets are about, and on-CPU time beside it: on a shared
/// machine the wall clock also counts the time spent waiting for a CPU, which is not the code's cost.
/// </summary>
internal sealed class Timings
{
    public Samples Wall { get; } = new();

    public Samples Cpu { get; } = new();
}

internal static class Measure
{
    /// <summary>Times a whole run: wall clock and the process's CPU time.</summary>
    public static async Task TimeRunAsync(Timings into, Func<Task> body) => await TimeCallAsync(into, body);

    /// <summary>
    /// Times <paramref name="body"/> into <paramref name="into"/> (nothing for a warm-up call). CPU time
    /// is the whole process's (getrusage on Linux, exact to the microsecond); the harness runs one
    /// thing at a time, so that is the measured code plus its share of GC and JIT.
    /// </summary>
    public static async Task TimeCallAsync(Timings? into, Func<Task> body)
    {
        var cpu = Environment.CpuUsage.TotalTime;
        var start = Stopwatch.GetTimestamp();
        await body();
        into?.Wall.AddSince(start);
        into?.Cpu.Add(Environment.CpuUsage.TotalTime - cpu);
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
    private const int LabelWidth = 56;

    public static void Section(string title)
    {
        Console.WriteLine();
        Console.WriteLine(title);
        Console.WriteLine(new string('-', title.Length));
    }

    public static void Note(string text) => Console.WriteLine($"  {text}");

    /// <summary>
    /// Throughput of runs that each did <paramref name="count"/> operations: the median run, the p95
    /// (slow) run, and the median run counted in CPU time.
    /// </summary>
    public static double Rate(string label, long count, Timings runs, string unit, double? target = null)
    {
        var median = PerSecond(count, runs.Wall.Median);
        var slow = PerSecond(count, runs.Wall.P95);
        var onCpu = PerSecond(count, runs.Cpu.Median);
        var verdict = target is { } goal
            ? $"  target >= {goal:N0}: {(median >= goal ? "MET" : "MISSED")} (on-CPU: {(onCpu >= goal ? "MET" : "MISSED")})"
            : "";
        Console.WriteLine($"  {label,-LabelWidth} {median,11:N0} /s median {slow,11:N0} /s p95 run | on-CPU {onCpu,11:N0} /s  [{runs.Wall.Count} x {count:N0} {unit}]{verdict}");
        return median;
    }

    public static void Latency(string label, Samples wall, Samples? cpu = null, string? suffix = null)
    {
        var onCpu = cpu is { Count: > 0 } ? $" | on-CPU p50 {cpu.Median,8:N3} p95 {cpu.P95,8:N3}" : "";
        Console.WriteLine($"  {label,-LabelWidth} p50 {wall.Median,8:N3} ms  p95 {wall.P95,8:N3} ms{onCpu}  [{wall.Count:N0}]{suffix}");
    }

    private static double PerSecond(long count, double milliseconds) => count / (milliseconds / 1000);
}
