namespace Portal.Domain.Notifications;

/// <summary>
/// A message to one person inside the portal (e.g. "a model you own was flagged"). Not a governance record: it
/// tells about changes the audit trail already holds, so creating and reading notifications is not audited.
/// </summary>
public sealed class Notification
{
    public const int TitleMax = 200;
    public const int BodyMax = 2000;
    public const int CategoryMax = 50;
    public const int LinkMax = 500;

    public long Id { get; private set; }
    public string RecipientSubject { get; private set; } = "";
    public string Category { get; private set; } = "";
    public string Title { get; private set; } = "";
    public string Body { get; private set; } = "";
    public string? Link { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime? ReadAt { get; private set; }

    /// <summary>When the daily digest claimed it for e-mail; the claim marks it as sent.</summary>
    public DateTime? EmailedAt { get; private set; }
    public Guid? DigestClaim { get; private set; }

    public static Notification Create(string recipientSubject, string category, string title, string body, string? link, DateTime now) => new()
    {
        RecipientSubject = recipientSubject,
        Category = category.Trim(),
        Title = title.Trim(),
        Body = body.Trim(),
        Link = string.IsNullOrWhiteSpace(link) ? null : link.Trim(),
        CreatedAt = now,
    };

    public void MarkRead(DateTime now) => ReadAt ??= now;

    /// <summary>Problems with a notification's content, by field; empty when it can be stored.</summary>
    public static IReadOnlyDictionary<string, string> Problems(string category, string title, string body, string? link)
    {
        var problems = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(category) || category.Trim().Length > CategoryMax)
        {
            problems["category"] = $"Category is required, at most {CategoryMax} characters.";
        }
        if (string.IsNullOrWhiteSpace(title) || title.Trim().Length > TitleMax)
        {
            problems["title"] = $"Title is required, at most {TitleMax} characters.";
        }
        if (body is null || body.Trim().Length > BodyMax)
        {
            problems["body"] = $"Body is at most {BodyMax} characters.";
        }
        if (!string.IsNullOrWhiteSpace(link) && !IsPortalPath(link.Trim()))
        {
            problems["link"] = $"A link is a path inside the portal starting with '/', at most {LinkMax} characters.";
        }
        return problems;
    }

    /// <summary>Links stay inside the portal, so a notification can never send someone elsewhere.</summary>
    public static bool IsPortalPath(string link) =>
        link.Length <= LinkMax && link.StartsWith('/') && !link.StartsWith("//", StringComparison.Ordinal)
        && !link.Contains('\\', StringComparison.Ordinal) && !link.Any(char.IsControl);
}
