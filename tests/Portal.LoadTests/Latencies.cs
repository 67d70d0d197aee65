namespace Portal.LoadTests;

/// <summary>Latencies of one kind of operation, kept whole (a run has at most a few million) so that percentiles are exact.</summary>
internal sealed class Latencies
{
    private readonly List<double> milliseconds = [];
    private long failures;

    public long Count
    {
        get
        {
            lock (milliseconds)
            {
                return milliseconds.Count;
            }
        }
    }

    public long Failures => Interlocked.Read(ref failures);

    public void Add(TimeSpan latency)
    {
        lock (milliseconds)
        {
            milliseconds.Add(latency.TotalMilliseconds);
        }
    }

    public void Fail() => Interlocked.Increment(ref failures);

    /// <summary>Nearest-rank percentile in milliseconds, or null without samples.</summary>
    public double? Percentile(double percent)
    {
        lock (milliseconds)
        {
            if (milliseconds.Count == 0)
            {
                return null;
            }
            milliseconds.Sort();
            var rank = (int)Math.Ceiling(percent / 100 * milliseconds.Count);
            return milliseconds[Math.Clamp(rank - 1, 0, milliseconds.Count - 1)];
        }
    }
}
