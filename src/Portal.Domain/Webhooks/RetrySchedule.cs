namespace Portal.Domain.Webhooks;

/// <summary>
/// When a failed delivery is tried again: after 10 seconds, then twice as long each time (capped at four hours), for as long
/// as the next try falls within a day of the first. After that the delivery has failed for good; an Admin can redeliver it.
/// </summary>
public static class RetrySchedule
{
    public static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan LongestDelay = TimeSpan.FromHours(4);
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromDays(1);

    /// <summary>The delay after the <paramref name="attempts"/>-th failed attempt (1 for the first).</summary>
    public static TimeSpan DelayAfter(int attempts)
    {
        var doublings = Math.Clamp(attempts - 1, 0, 20);
        var delay = FirstDelay * Math.Pow(2, doublings);
        return delay < LongestDelay ? delay : LongestDelay;
    }

    /// <summary>The next try after a failure at <paramref name="now"/>, or null when it would fall more than a day after <paramref name="firstAttemptAt"/>.</summary>
    public static DateTime? NextAttempt(int attempts, DateTime firstAttemptAt, DateTime now)
    {
        var next = now + DelayAfter(attempts);
        return next - firstAttemptAt <= GiveUpAfter ? next : null;
    }
}
