namespace Portal.Domain.Audit;

/// <summary>The outcome of checking the audit chain.</summary>
public sealed record ChainVerification(bool Intact, long EventCount, long? FirstBrokenEventId, string? Problem)
{
    public string Summary => Intact
        ? $"Chain intact up to event {EventCount}."
        : $"Chain broken at event {FirstBrokenEventId}: {Problem}";

    /// <summary>What verification read, in words: always the whole chain from its first event, never a page or a filter.</summary>
    public string Checked => (Intact, EventCount) switch
    {
        (true, 0) => "Checked the whole chain: it holds no events yet.",
        (true, 1) => "Checked the whole chain: its 1 event, its hash recomputed from its content.",
        (true, _) => $"Checked the whole chain: all {EventCount} events, 1 to {EventCount}, each hash recomputed from the event's content and the hash before it.",
        _ => $"Checked the whole chain from event 1; every event before event {FirstBrokenEventId} is intact.",
    };
}
