namespace Portal.Web.Features.Flags;

/// <summary>Configuration section "Flags".</summary>
public sealed class FlagOptions
{
    /// <summary>How often the background scan runs when nothing asks for one sooner.</summary>
    public TimeSpan ScanInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Whether this instance scans in the background (at start, every interval and on events). Tests turn it off and scan on demand.</summary>
    public bool BackgroundScans { get; set; } = true;

    /// <summary>How long a scan's lease lasts without renewal; a crashed instance's lease lapses after this.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How many flag changes are saved (and audited) per transaction.</summary>
    public int WriteBatchSize { get; set; } = 1000;
}
