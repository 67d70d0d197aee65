namespace Portal.Domain.Flags.Rules;

/// <summary>A finding on the model is past its due date and not closed; its remediation owner and the model's owners act.</summary>
public sealed class OverdueFindingRule : IFlagRule
{
    public const string RuleName = "overdue-finding";

    public string Name => RuleName;
    public string Title => "Finding past its due date";
    public FlagSeverity DefaultSeverity => FlagSeverity.Medium;

    // The findings gate already blocks by severity; being late adds a flag, not a second block.
    public bool BlocksReleasesByDefault => false;
    public FlagActors WhoActs => FlagActors.Owners;
    public IReadOnlyList<RuleThreshold> Thresholds => [];
    public IReadOnlyList<string> RequiredFacts => [FactKinds.Findings];

    public FlagCondition? Evaluate(ModelFacts facts, RuleSettings settings, DateTime now)
    {
        if (facts.OverdueFindings.Count == 0)
        {
            return null;
        }
        var first = facts.OverdueFindings.OrderBy(f => f.DueDate).ThenBy(f => f.FindingId).First();
        var detail = $"{first.Severity} finding '{first.Title}' (/findings/{first.FindingId}) was due {first.DueDate:yyyy-MM-dd}; " +
            $"{first.RemediationOwnerName} remediates it.";
        var others = facts.OverdueFindings.Count - 1;
        var since = first.DueDate.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        return new(since, others == 0 ? detail : $"{detail} {others} more finding{(others == 1 ? "" : "s")} overdue.");
    }
}
