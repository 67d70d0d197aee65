using Portal.Domain.PointInTime;

namespace Portal.Domain.Tests.PointInTime;

public class AsOfMomentTests
{
    private static readonly DateTime Now = new(2026, 6, 1, 12, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("2026-05-01T00:00:00Z", "2026-05-01T00:00:00")]
    [InlineData("2026-05-01", "2026-05-01T00:00:00")]
    [InlineData("2026-05-01T09:30:00+02:00", "2026-05-01T07:30:00")]
    [InlineData("2026-05-01T09:30", "2026-05-01T09:30:00")]
    [InlineData("2026-05-01T09:30:15.1234567Z", "2026-05-01T09:30:15.1234567")]
    public void An_iso_8601_moment_reads_as_utc(string text, string expected)
    {
        var (moment, problem) = AsOfMoment.Parse(text, Now);

        Assert.Null(problem);
        Assert.Equal(DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), moment!.Value);
        Assert.Equal(DateTimeKind.Utc, moment.Value.Kind);
    }

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("01/05/2026")]
    [InlineData("2026-13-01")]
    [InlineData("2026-05-01T00:00:00Z\u0000")]
    [InlineData("2026-05-01T00:00:00Z; DROP TABLE Models")]
    public void Anything_else_is_refused_with_an_example(string text)
    {
        var (moment, problem) = AsOfMoment.Parse(text, Now);

        Assert.Null(moment);
        Assert.Contains("ISO 8601", problem);
    }

    [Fact]
    public void A_moment_in_the_future_is_refused_saying_so()
    {
        var (moment, problem) = AsOfMoment.Parse("2026-06-01T12:00:01Z", Now);

        Assert.Null(moment);
        Assert.Contains("in the future", problem);
    }

    [Fact]
    public void A_huge_input_is_refused_without_parsing()
    {
        Assert.NotNull(AsOfMoment.Parse(new string('2', 100_000), Now).Problem);
    }
}
