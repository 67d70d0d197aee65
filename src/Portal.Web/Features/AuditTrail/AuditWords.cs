using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Portal.Web.Features.AuditTrail;

/// <summary>
/// The audit trail in words a person reads: "Model registered" for <c>Model.Registered</c>, "Risk tier" for <c>RiskTier</c>,
/// and one timestamp format (to the second, UTC) for event times and for times recorded inside values.
/// </summary>
public static partial class AuditWords
{
    public const string TimeFormat = "yyyy-MM-dd HH:mm:ss 'UTC'";

    /// <summary>Words that are not spelled as their letters read.</summary>
    private static readonly Dictionary<string, string> Spelled = new(StringComparer.Ordinal)
    {
        ["Sha256"] = "SHA-256",
        ["Uri"] = "address",
        ["Id"] = "id",
        ["Url"] = "address",
    };

    /// <summary><c>Model.Registered</c> → "Model registered"; <c>ServiceToken.Used</c> → "Service token used".</summary>
    public static string Action(string action) => Sentence(action.Split('.', StringSplitOptions.RemoveEmptyEntries));

    /// <summary><c>RiskTier</c> → "Risk tier"; <c>revalidationDueAt</c> → "Revalidation due at".</summary>
    public static string Field(string field) => Spelled.TryGetValue(field, out var spelled) ? Capitalised(spelled) : Sentence([field]);

    /// <summary>A record's type as words: <c>ReleaseRequest</c> → "Release request".</summary>
    public static string Record(string entityType) => Sentence([entityType]);

    public static string Time(DateTime utc) => utc.ToString(TimeFormat, CultureInfo.InvariantCulture);

    /// <summary>A value recorded as an ISO 8601 time (seven-digit fractions and all) reads in <see cref="TimeFormat"/>; anything else is unchanged.</summary>
    public static string Value(string value) =>
        IsoTime().IsMatch(value) && DateTime.TryParse(value, CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time)
            ? Time(time)
            : value;

    private static string Sentence(IEnumerable<string> parts)
    {
        var words = parts.SelectMany(p => Words().Matches(p).Select(m => m.Value)).ToList();
        var text = new StringBuilder();
        for (var i = 0; i < words.Count; i++)
        {
            var word = Spelled.GetValueOrDefault(words[i]) ?? (IsAcronym(words[i]) ? words[i] : words[i].ToLowerInvariant());
            text.Append(i == 0 ? Capitalised(word) : " " + word);
        }
        return text.Replace("Sha 256", "SHA-256").Replace("sha 256", "SHA-256").ToString();
    }

    private static string Capitalised(string word) => char.ToUpperInvariant(word[0]) + word[1..];

    private static bool IsAcronym(string word) => word.Length > 1 && word.All(char.IsUpper);

    [GeneratedRegex(@"[A-Z]{2,}(?![a-z])|[A-Z]?[a-z]+|[A-Z]|\d+")]
    private static partial Regex Words();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$")]
    private static partial Regex IsoTime();
}
