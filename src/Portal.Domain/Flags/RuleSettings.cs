namespace Portal.Domain.Flags;

/// <summary>A rule's effective settings: on/off, severity, whether it blocks releases, and its thresholds in days.</summary>
public sealed record RuleSettings(bool Enabled, FlagSeverity Severity, bool BlocksReleases, IReadOnlyDictionary<string, int> Thresholds)
{
    public const int MinDays = 1;
    public const int MaxDays = 3650;

    public static RuleSettings DefaultsOf(IFlagRule rule) => new(true, rule.DefaultSeverity, rule.BlocksReleasesByDefault,
        rule.Thresholds.ToDictionary(t => t.Key, t => t.DefaultDays));

    /// <summary>The threshold <paramref name="key"/>, or the rule's default when the stored settings predate it.</summary>
    public int Days(IFlagRule rule, string key) => Thresholds.TryGetValue(key, out var days)
        ? days
        : rule.Thresholds.First(t => t.Key == key).DefaultDays;

    /// <summary>Field errors for settings an Admin proposes for <paramref name="rule"/>; empty when valid.</summary>
    public static Dictionary<string, string[]> Validate(IFlagRule rule, IReadOnlyDictionary<string, int>? thresholds)
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var (key, days) in thresholds ?? new Dictionary<string, int>())
        {
            if (rule.Thresholds.All(t => t.Key != key))
            {
                errors[$"thresholds.{key}"] = [$"The rule {rule.Name} has no threshold '{key}'; it has {Known(rule)}."];
            }
            else if (days is < MinDays or > MaxDays)
            {
                errors[$"thresholds.{key}"] = [$"A threshold is a number of days between {MinDays} and {MaxDays}."];
            }
        }
        return errors;
    }

    private static string Known(IFlagRule rule) => rule.Thresholds.Count == 0 ? "none" : string.Join(", ", rule.Thresholds.Select(t => t.Key));
}
