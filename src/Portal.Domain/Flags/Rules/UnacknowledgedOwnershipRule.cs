namespace Portal.Domain.Flags.Rules;

/// <summary>Someone was made an owner and has not acknowledged it for too long: they may not know they are accountable.</summary>
public sealed class UnacknowledgedOwnershipRule : IFlagRule
{
    public const string RuleName = "unacknowledged-ownership";
    public const string DaysKey = "days";

    public string Name => RuleName;
    public string Title => "Ownership not acknowledged";
    public FlagSeverity DefaultSeverity => FlagSeverity.Low;
    public bool BlocksReleasesByDefault => false;
    public FlagActors WhoActs => FlagActors.TeamManagers;
    public IReadOnlyList<RuleThreshold> Thresholds => [new(DaysKey, "Days to acknowledge an ownership", 14)];
    public IReadOnlyList<string> RequiredFacts => [FactKinds.Ownership];

    public FlagCondition? Evaluate(ModelFacts facts, RuleSettings settings, DateTime now)
    {
        if (facts.IsRetired)
        {
            return null;
        }
        var days = settings.Days(this, DaysKey);
        var late = facts.Owners.Where(o => o.AcknowledgedAt is null && now >= o.AssignedAt.AddDays(days)).OrderBy(o => o.AssignedAt).ToList();
        if (late.Count == 0)
        {
            return null;
        }
        var who = string.Join(", ", late.Select(o => $"{o.Name} (since {o.AssignedAt:yyyy-MM-dd})"));
        return new(late[0].AssignedAt.AddDays(days), $"Not acknowledged within {days} days: {who}.");
    }
}
