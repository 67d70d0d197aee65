namespace Portal.Domain.Notifications;

/// <summary>When the daily digest runs: the next time the clock reaches the configured hour (UTC).</summary>
public static class DigestSchedule
{
    public static DateTimeOffset NextRunAfter(DateTimeOffset now, int hourUtc)
    {
        if (hourUtc is < 0 or > 23)
        {
            throw new ArgumentOutOfRangeException(nameof(hourUtc), hourUtc, "The digest hour is between 0 and 23 (UTC).");
        }
        var utc = now.ToUniversalTime();
        var today = new DateTimeOffset(utc.Year, utc.Month, utc.Day, hourUtc, 0, 0, TimeSpan.Zero);
        return utc < today ? today : today.AddDays(1);
    }
}
