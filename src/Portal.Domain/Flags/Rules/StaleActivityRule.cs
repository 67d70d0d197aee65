using Portal.Domain.Inventory;

namespace Portal.Domain.Flags.Rules;

/// <summary>A Production model with no new version, release or card edit for too long: is anyone still looking after it?</summary>
public sealed class StaleActivityRule : IFlagRule
{
    public const string RuleName = "stale-activity";
    public const string DaysKey = "days";

    public string Name => RuleName;
    public string Title => "Stale: no activity in production";
    public FlagSeverity DefaultSeverity => FlagSeverity.Medium;
    public bool BlocksReleasesByDefault => false;
    public FlagActors WhoActs => FlagActors.Owners;
    public IReadOnlyList<RuleThreshold> Thresholds => [new(DaysKey, "Days without a version, release or card edit", 180)];
    public IReadOnlyList<string> RequiredFacts => [FactKinds.Versions];

    public FlagCondition? Evaluate(ModelFacts facts, RuleSettings settings, DateTime now)
    {
        if (facts.Status != LifecycleStatus.Production)
        {
            return null;
        }
        // Registration counts as the first activity, so a model is never stale "since forever".
        var last = Latest(facts.RegisteredAt, facts.LastVersionAt, facts.LastReleaseAt, facts.LastCardEditAt);
        var days = settings.Days(this, DaysKey);
        var due = last.AddDays(days);
        return now >= due ? new(due, $"No new version, release or card edit since {last:yyyy-MM-dd} ({days} days allowed).") : null;
    }

    private static DateTime Latest(DateTime first, params DateTime?[] others) =>
        others.Aggregate(first, (latest, next) => next > latest ? next.Value : latest);
}
