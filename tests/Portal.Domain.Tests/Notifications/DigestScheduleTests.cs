using Portal.Domain.Notifications;

namespace Portal.Domain.Tests.Notifications;

public class DigestScheduleTests
{
    [Theory]
    [InlineData("2026-03-02T06:59:59Z", 7, "2026-03-02T07:00:00Z")]
    [InlineData("2026-03-02T07:00:00Z", 7, "2026-03-03T07:00:00Z")]
    [InlineData("2026-03-02T18:30:00Z", 7, "2026-03-03T07:00:00Z")]
    [InlineData("2026-12-31T23:00:00Z", 0, "2027-01-01T00:00:00Z")]
    [InlineData("2026-03-02T08:30:00+02:00", 7, "2026-03-02T07:00:00Z")]
    public void The_next_run_is_the_next_time_the_clock_reaches_the_hour_in_utc(string now, int hour, string expected)
    {
        var next = DigestSchedule.NextRunAfter(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture), hour);

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), next);
    }

    [Fact]
    public void An_hour_outside_the_day_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DigestSchedule.NextRunAfter(DateTimeOffset.UnixEpoch, 24));
    }
}
