using Portal.Domain.Notifications;

namespace Portal.Domain.Tests.Notifications;

public class NotificationTests
{
    private static readonly DateTime Now = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Reading_twice_keeps_the_first_time()
    {
        var notification = Notification.Create("sub-1", "Flags", "Model orphaned", "No primary owner.", "/models/m", Now);

        notification.MarkRead(Now.AddHours(1));
        notification.MarkRead(Now.AddHours(2));

        Assert.Equal(Now.AddHours(1), notification.ReadAt);
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/x")]
    [InlineData("javascript:alert(1)")]
    [InlineData("/\\evil.example")]
    [InlineData("models/m")]
    public void Links_must_stay_inside_the_portal(string link)
    {
        Assert.Contains("link", Notification.Problems("Flags", "Title", "Body", link).Keys);
    }

    [Fact]
    public void Category_and_title_are_required_and_lengths_are_bounded()
    {
        var problems = Notification.Problems(" ", "", new string('x', Notification.BodyMax + 1), "/models/m");

        Assert.Equal(["body", "category", "title"], problems.Keys.Order());
        Assert.Empty(Notification.Problems("Flags", "Title", "", null));
    }
}
