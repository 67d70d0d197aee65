using System.Globalization;

namespace Portal.Web.Features.Shared.Evidence.Sources;

/// <summary>A period named in a reference as "FROM..TO" (UTC dates, yyyy-MM-dd; either end may be left empty); TO is inclusive as a day.</summary>
public sealed record EvidencePeriod(DateTime? From, DateTime? To)
{
    public static EvidencePeriod Parse(string text)
    {
        var parts = text.Split("..");
        if (parts.Length != 2)
        {
            throw InputRejectedException.For("reference", "A period is written FROM..TO with dates such as 2026-01-01..2026-04-01 (either end may be empty).");
        }
        var period = new EvidencePeriod(Day(parts[0]), Day(parts[1])?.AddDays(1));
        return period.From is { } from && period.To is { } to && to <= from
            ? throw InputRejectedException.For("reference", "The period ends before it starts.")
            : period;
    }

    public string Describe() => (From, To) switch
    {
        (null, null) => "all time",
        ({ } from, null) => $"from {from:yyyy-MM-dd}",
        (null, { } to) => $"until {to.AddDays(-1):yyyy-MM-dd}",
        ({ } from, { } to) => $"{from:yyyy-MM-dd} to {to.AddDays(-1):yyyy-MM-dd}",
    };

    private static DateTime? Day(string text) =>
        text.Trim().Length == 0 ? null
        : DateTime.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var day)
            ? DateTime.SpecifyKind(day, DateTimeKind.Utc)
            : throw InputRejectedException.For("reference", $"'{text.Trim()}' is not a date written yyyy-MM-dd.");
}
