using Portal.Domain.Webhooks;

namespace Portal.Domain.Tests.Webhooks;

public class RetryScheduleTests
{
    private static readonly DateTime First = new(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 20)]
    [InlineData(3, 40)]
    [InlineData(6, 320)]
    [InlineData(12, 14_400)]
    [InlineData(30, 14_400)]
    public void Each_failure_doubles_the_delay_up_to_four_hours(int attempts, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), RetrySchedule.DelayAfter(attempts));
    }

    [Fact]
    public void Retries_stop_once_the_next_would_fall_more_than_a_day_after_the_first()
    {
        Assert.Equal(First.AddHours(19), RetrySchedule.NextAttempt(15, First, First.AddHours(15)));
        Assert.Null(RetrySchedule.NextAttempt(16, First, First.AddHours(21)));
    }

    [Fact]
    public void Following_the_schedule_gives_up_within_a_day_and_a_bit()
    {
        var now = First;
        var attempts = 0;
        while (RetrySchedule.NextAttempt(++attempts, First, now) is { } next)
        {
            now = next;
        }

        Assert.InRange(now - First, TimeSpan.FromHours(20), TimeSpan.FromDays(1));
        Assert.InRange(attempts, 10, 20);
    }
}
