using Portal.Domain.Ownership;

namespace Portal.Domain.Flags.Rules;

/// <summary>No active primary owner: nobody still here is accountable for the model.</summary>
public sealed class OrphanedRule : IFlagRule
{
    public const string RuleName = "orphaned";

    public string Name => RuleName;
    public string Title => "Orphaned: no active primary owner";
    public FlagSeverity DefaultSeverity => FlagSeverity.High;
    public bool BlocksReleasesByDefault => true;
    public FlagActors WhoActs => FlagActors.TeamManagers;
    public IReadOnlyList<RuleThreshold> Thresholds => [];
    public IReadOnlyList<string> RequiredFacts => [FactKinds.Ownership];

    public FlagCondition? Evaluate(ModelFacts facts, RuleSettings settings, DateTime now)
    {
        if (facts.IsRetired)
        {
            return null;
        }
        var primary = facts.Owners.FirstOrDefault(o => o.Role == OwnerRole.Primary);
        if (primary is null)
        {
            return new(facts.LastOwnershipEndedAt ?? facts.RegisteredAt, "The model has no primary owner.");
        }
        // The directory does not say when a person left, so the flag dates from when the scan noticed.
        return primary.PersonActive ? null : new(now, $"The primary owner {primary.Name} is deactivated in the user directory.");
    }
}
