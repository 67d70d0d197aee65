using Portal.Domain.Notifications;

namespace Portal.Domain.Tests.Notifications;

public class NotificationDigestTests
{
    private static readonly DateTime Now = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Lists_every_notification_oldest_first_with_absolute_links()
    {
        var digest = NotificationDigest.Compose("Mona", [
            new("Flags", "Second", "B", "/models/b", Now.AddHours(1)),
            new("Ownership", "First", "A", null, Now),
        ], new Uri("https://portal.example.com/"));

        Assert.Equal("2 new notifications in the Model Governance Portal", digest.Subject);
        Assert.True(digest.Html.IndexOf("First", StringComparison.Ordinal) < digest.Html.IndexOf("Second", StringComparison.Ordinal));
        Assert.Contains("<a href=\"https://portal.example.com/models/b\">Second</a>", digest.Html, StringComparison.Ordinal);
        Assert.Contains("https://portal.example.com/models/b", digest.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_value_is_html_encoded()
    {
        var digest = NotificationDigest.Compose("<b>Eve</b>", [new("<i>x</i>", "<script>alert(1)</script>", "a & b \"c\"", "/m?a=1&b=\"2\"", Now)], null);

        Assert.DoesNotContain("<script>", digest.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>Eve", digest.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<i>", digest.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", digest.Html, StringComparison.Ordinal);
        Assert.Contains("a &amp; b &quot;c&quot;", digest.Html, StringComparison.Ordinal);
        Assert.Contains("href=\"/m?a=1&amp;b=&quot;2&quot;\"", digest.Html, StringComparison.Ordinal);
        Assert.Equal("1 new notification in the Model Governance Portal", digest.Subject);
    }
}
