namespace Portal.Domain.Flags;

/// <summary>One completed scan: when, what changed, and how many flags of each rule were open after it (the trend).</summary>
public sealed class FlagScan
{
    public int Id { get; private set; }
    public string Instance { get; private set; } = "";
    public string Trigger { get; private set; } = "";
    public DateTime StartedAt { get; private set; }
    public DateTime FinishedAt { get; private set; }
    public int ModelsScanned { get; private set; }
    public int Raised { get; private set; }
    public int Resolved { get; private set; }
    public Dictionary<string, int> OpenByRule { get; private set; } = [];

    public static FlagScan Record(string instance, string trigger, DateTime startedAt, DateTime finishedAt, FlagPlan plan,
        IReadOnlyDictionary<string, int> openByRule) => new()
        {
            Instance = instance,
            Trigger = trigger,
            StartedAt = startedAt,
            FinishedAt = finishedAt,
            ModelsScanned = plan.ModelsScanned,
            Raised = plan.Raise.Count,
            Resolved = plan.Resolve.Count,
            OpenByRule = new Dictionary<string, int>(openByRule),
        };
}

/// <summary>A named lease row: who may run the scan until when. Taken and renewed by a conditional update.</summary>
public sealed class ScanLease
{
    public string Name { get; private set; } = "";
    public string? Holder { get; private set; }
    public DateTime ExpiresAt { get; private set; }

    public static ScanLease Free(string name) => new() { Name = name, ExpiresAt = DateTime.UnixEpoch };
}
