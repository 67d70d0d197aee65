using System.Diagnostics;
using System.Globalization;
using System.Text;
using Portal.Domain.Fairness;

namespace Portal.Benchmarks;

/// <summary>
/// Fairness computation over a large predictions file against merely reading and parsing the same columns
/// with the same CSV reader (target: within 1.5x), with the peak working set sampled during each run
/// (target: under 100 MB whatever the file size).
/// </summary>
internal static class FairnessBenchmarks
{
    private const double RatioTarget = 1.5;
    private const long WorkingSetTarget = 100L * 1024 * 1024;
    private static readonly FairnessMapping Mapping = new("label", "prediction", ["sex", "age_band"], "weight", "score");

    public static async Task RunAsync(Sizes sizes)
    {
        Report.Section($"4. Fairness: {sizes.FairnessRows:N0}-row predictions file, computation vs bare read + parse");
        var file = Path.Combine(BenchDatabase.Folder, "predictions.csv");
        Directory.CreateDirectory(BenchDatabase.Folder);
        var generated = Stopwatch.StartNew();
        Generate(file, sizes.FairnessRows);
        Report.Note($"generated {new FileInfo(file).Length / 1e6:N0} MB in {generated.Elapsed.TotalSeconds:N1} s (columns: id, label, prediction, score, sex, age_band, weight; 2 x 6 = 12 groups)");

        var read = new Timings();
        var compute = new Timings();
        long readPeak = 0, computePeak = 0;
        var allocated = 0L;
        FairnessResult? result = null;
        for (var run = 0; run <= sizes.FairnessRuns; run++)
        {
            var into = run == 0 ? null : read; // the first round warms up the JIT and the page cache
            readPeak = Math.Max(readPeak, await Sampled(into, () => BareRead(file)));
            var before = GC.GetTotalAllocatedBytes(precise: true);
            computePeak = Math.Max(computePeak, await Sampled(run == 0 ? null : compute, () => result = Compute(file)));
            allocated = GC.GetTotalAllocatedBytes(precise: true) - before; // includes the sampler's few bytes
        }

        Check(result!, sizes.FairnessRows);
        var readRate = Report.Rate("bare read + parse (Sylvan spans, same columns)", sizes.FairnessRows, read, "rows");
        var computeRate = Report.Rate("fairness computation (FairnessCalculator.Compute)", sizes.FairnessRows, compute, "rows");
        var ratio = readRate / computeRate;
        var cpuRatio = read.Cpu.Median == 0 ? double.NaN : compute.Cpu.Median / read.Cpu.Median;
        Report.Note($"computation / bare read: {ratio:N2}x wall, {cpuRatio:N2}x on-CPU  target <= {RatioTarget}x: {(ratio <= RatioTarget ? "MET" : "MISSED")} (on-CPU: {(cpuRatio <= RatioTarget ? "MET" : "MISSED")})");
        Report.Note($"peak working set: bare read {readPeak / 1e6:N0} MB, computation {computePeak / 1e6:N0} MB  target < 100 MB: {(computePeak < WorkingSetTarget ? "MET" : "MISSED")}");
        Report.Note($"managed allocation in one computation: {allocated / 1e6:N2} MB ({(double)allocated / sizes.FairnessRows:N2} bytes/row)");
        File.Delete(file);
    }

    private static void Generate(string file, int rows)
    {
        var random = new Random(20261123);
        string[] bands = ["18-25", "26-35", "36-45", "46-55", "56-65", "66+"];
        using var writer = new StreamWriter(file, false, new UTF8Encoding(false), 1 << 20);
        writer.Write("id,label,prediction,score,sex,age_band,weight\n");
        for (var i = 0; i < rows; i++)
        {
            var female = random.Next(2) == 0;
            var label = random.NextDouble() < 0.4 ? 1 : 0;
            var score = Math.Clamp((label * 0.35) + (random.NextDouble() * 0.65) - (female ? 0.03 : 0), 0, 1);
            var prediction = score >= 0.5 ? 1 : 0;
            var weight = 0.5 + (random.Next(1, 8) * 0.25);
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"{i},{label},{prediction},{score:F4},{(female ? "female" : "male")},{bands[random.Next(bands.Length)]},{weight}\n"));
        }
    }

    private static FairnessResult Compute(string file)
    {
        using var reader = Open(file);
        return FairnessCalculator.Compute(reader, Mapping);
    }

    /// <summary>The same reader, options and columns as the computation, each cell read as a span and the weight parsed.</summary>
    private static double BareRead(string file)
    {
        using var reader = Open(file);
        using var csv = PredictionFileReader.Open(reader);
        var columns = MappedColumns.Locate(csv, Mapping);
        var checksum = 0d;
        while (csv.Read())
        {
            checksum += csv.GetFieldSpan(columns.Label).Length + csv.GetFieldSpan(columns.Prediction).Length
                + csv.GetFieldSpan(columns.Sensitive[0]).Length + csv.GetFieldSpan(columns.Sensitive[1]).Length
                + double.Parse(csv.GetFieldSpan(columns.Weight!.Value), CultureInfo.InvariantCulture);
        }

        return checksum;
    }

    private static StreamReader Open(string file) =>
        new(file, Encoding.UTF8, true, new FileStreamOptions { BufferSize = 1 << 16, Options = FileOptions.SequentialScan });

    /// <summary>Times one run and returns the largest working set seen while it ran (sampled every 20 ms).</summary>
    private static async Task<long> Sampled<T>(Timings? into, Func<T> body)
    {
        Measure.SettleHeap();
        using var process = Process.GetCurrentProcess();
        var peak = 0L;
        using var done = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                process.Refresh();
                peak = Math.Max(peak, process.WorkingSet64);
                await Task.Delay(20, CancellationToken.None);
            }
        });
        await Measure.TimeRunAsync(into ?? new Timings(), () => Task.FromResult(body()));
        await done.CancelAsync();
        await sampler;
        return peak;
    }

    private static void Check(FairnessResult result, int rows)
    {
        if (result.Overall.Count != rows || result.Groups.Count != 12)
        {
            throw new InvalidOperationException($"Fairness benchmark computed {result.Overall.Count} rows in {result.Groups.Count} groups; expected {rows} in 12.");
        }
    }
}
