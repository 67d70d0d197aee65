namespace Portal.Domain.Audit;

/// <summary>The outcome of checking the audit chain.</summary>
public sealed record ChainVerification(bool Intact, long EventCount, long? FirstBrokenEventId, string? Problem)
{
    public string Summary => Intact
        ? $"Chain intact up to event {EventCount}."
        : $"Chain broken at event {FirstBrokenEventId}: {Problem}";
}
