using System.Globalization;
using Portal.Domain.Access;

namespace Portal.Domain.Tests.Access;

public class AuthenticationFreshnessTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    private static string AuthTime(TimeSpan beforeNow) =>
        (Now - beforeNow).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    private static string? Problem(string? authTime) => AuthenticationFreshness.Problem(authTime, MaxAge, Now);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("yesterday")]
    [InlineData("1748779200.5")]
    [InlineData("2025-06-01T12:00:00Z")]
    [InlineData("0x66")]
    public void Missing_or_garbled_auth_time_is_refused(string? authTime)
    {
        var problem = Problem(authTime);

        Assert.NotNull(problem);
        Assert.Contains("auth_time", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("99999999999999")] // far beyond year 9999
    [InlineData("1748779200000")] // milliseconds instead of seconds
    [InlineData("-99999999999999")]
    [InlineData("9223372036854775807")]
    public void Auth_time_outside_the_representable_range_is_refused_not_thrown(string authTime)
    {
        var problem = Problem(authTime);

        Assert.NotNull(problem);
    }

    [Fact]
    public void Sign_in_just_now_is_accepted()
    {
        Assert.Null(Problem(AuthTime(TimeSpan.Zero)));
    }

    [Fact]
    public void Sign_in_within_max_age_is_accepted()
    {
        Assert.Null(Problem(AuthTime(TimeSpan.FromMinutes(4))));
    }

    [Fact]
    public void Sign_in_older_than_max_age_but_within_clock_skew_is_accepted()
    {
        Assert.Null(Problem(AuthTime(MaxAge + TimeSpan.FromSeconds(30))));
    }

    [Fact]
    public void Sign_in_exactly_max_age_plus_clock_skew_ago_is_accepted()
    {
        Assert.Null(Problem(AuthTime(MaxAge + AuthenticationFreshness.ClockSkew)));
    }

    [Fact]
    public void Sign_in_one_second_beyond_max_age_plus_clock_skew_is_refused()
    {
        var problem = Problem(AuthTime(MaxAge + AuthenticationFreshness.ClockSkew + TimeSpan.FromSeconds(1)));

        Assert.NotNull(problem);
        Assert.Contains("300 seconds", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Sign_in_long_ago_is_refused()
    {
        Assert.NotNull(Problem(AuthTime(TimeSpan.FromDays(3))));
    }

    [Fact]
    public void Auth_time_slightly_in_the_future_within_clock_skew_is_accepted()
    {
        Assert.Null(Problem(AuthTime(-AuthenticationFreshness.ClockSkew)));
    }

    [Fact]
    public void Auth_time_beyond_clock_skew_in_the_future_is_refused()
    {
        var problem = Problem(AuthTime(-(AuthenticationFreshness.ClockSkew + TimeSpan.FromSeconds(1))));

        Assert.NotNull(problem);
        Assert.Contains("future", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Zero_max_age_still_allows_the_clock_skew()
    {
        Assert.Null(AuthenticationFreshness.Problem(AuthTime(TimeSpan.FromSeconds(59)), TimeSpan.Zero, Now));
        Assert.NotNull(AuthenticationFreshness.Problem(AuthTime(TimeSpan.FromSeconds(61)), TimeSpan.Zero, Now));
    }
}
