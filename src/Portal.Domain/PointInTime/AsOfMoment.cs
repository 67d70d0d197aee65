using System.Globalization;
using System.Text.RegularExpressions;

namespace Portal.Domain.PointInTime;

/// <summary>
/// The moment a point-in-time question asks about: an ISO 8601 date or date and time (UTC unless it carries an offset; a
/// date alone means its midnight UTC), never in the future.
/// </summary>
public static partial class AsOfMoment
{
    public const int MaxLength = 40;

    /// <summary>The moment in UTC, or the problem in words a person can act on.</summary>
    public static (DateTime? Moment, string? Problem) Parse(string? text, DateTime now)
    {
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0 || trimmed.Length > MaxLength || !Iso8601().IsMatch(trimmed)
            || !DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            return (null, "asOf must be an ISO 8601 date or date and time, such as 2026-05-01 or 2026-05-01T09:30:00Z.");
        }
        var moment = parsed.UtcDateTime;
        return moment > now
            ? (null, $"asOf {moment:yyyy-MM-dd HH:mm:ss} UTC is in the future; the portal answers only for moments that have passed (now is {now:yyyy-MM-dd HH:mm:ss} UTC).")
            : (moment, null);
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:?\d{2})?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Iso8601();
}
