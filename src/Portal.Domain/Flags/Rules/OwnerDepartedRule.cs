namespace Portal.Domain.Flags.Rules;

/// <summary>An owner (primary or backup) is deactivated in the user directory: someone must take their place.</summary>
public sealed class OwnerDepartedRule : IFlagRule
{
    public const string RuleName = "owner-departed";

    public string Name => RuleName;
    public string Title => "Owner departed";
    public FlagSeverity DefaultSeverity => FlagSeverity.Medium;
    public bool BlocksReleasesByDefault => false;
    public FlagActors WhoActs => FlagActors.TeamManagers;
    public IReadOnlyList<RuleThreshold> Thresholds => [];
    public IReadOnlyList<string> RequiredFacts => [FactKinds.Ownership];

    public FlagCondition? Evaluate(ModelFacts facts, RuleSettings settings, DateTime now)
    {
        var departed = facts.Owners.Where(o => !o.PersonActive).ToList();
        if (facts.IsRetired || departed.Count == 0)
        {
            return null;
        }
        var who = string.Join(", ", departed.Select(o => $"{o.Name} ({o.Role.ToString().ToLowerInvariant()})"));
        return new(now, $"Deactivated in the user directory: {who}.");
    }
}
