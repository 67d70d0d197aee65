using System.Net;
using System.Text;

namespace Portal.Domain.Notifications;

/// <summary>One daily e-mail listing a person's unsent notifications, oldest first, every value HTML-encoded.</summary>
public sealed record NotificationDigest(string Subject, string Html, string Text)
{
    public sealed record Item(string Category, string Title, string Body, string? Link, DateTime CreatedAt);

    public static NotificationDigest Compose(string recipientName, IReadOnlyCollection<Item> items, Uri? portalUrl)
    {
        var ordered = items.OrderBy(i => i.CreatedAt).ToList();
        var subject = ordered.Count == 1 ? "1 new notification in the Model Governance Portal" : $"{ordered.Count} new notifications in the Model Governance Portal";
        var html = new StringBuilder();
        var text = new StringBuilder();
        html.Append("<p>Hello ").Append(WebUtility.HtmlEncode(recipientName)).Append(",</p><p>").Append(WebUtility.HtmlEncode(subject)).Append(":</p><ul>");
        text.Append("Hello ").Append(recipientName).Append(",\n\n").Append(subject).Append(":\n");
        foreach (var item in ordered)
        {
            var link = LinkTo(portalUrl, item.Link);
            html.Append("<li><strong>[").Append(WebUtility.HtmlEncode(item.Category)).Append("] ");
            html.Append(link is null ? WebUtility.HtmlEncode(item.Title) : $"<a href=\"{WebUtility.HtmlEncode(link)}\">{WebUtility.HtmlEncode(item.Title)}</a>");
            html.Append("</strong> <small>").Append(item.CreatedAt.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture)).Append("</small>");
            html.Append("<br>").Append(WebUtility.HtmlEncode(item.Body)).Append("</li>");
            text.Append("\n- [").Append(item.Category).Append("] ").Append(item.Title).Append('\n').Append("  ").Append(item.Body).Append('\n');
            if (link is not null)
            {
                text.Append("  ").Append(link).Append('\n');
            }
        }
        html.Append("</ul><p>You can read them, and turn this e-mail off, on the portal's notifications page.</p>");
        text.Append("\nYou can read them, and turn this e-mail off, on the portal's notifications page.\n");
        return new NotificationDigest(subject, html.ToString(), text.ToString());
    }

    private static string? LinkTo(Uri? portalUrl, string? path) =>
        path is null ? null : portalUrl is null ? path : new Uri(portalUrl, path).ToString();
}
