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
        var today = DateOnly.FromDateTime(now);
        var overdue = facts.OpenFindings.Where(f => f.DueDate < today).OrderBy(f => f.DueDate).ThenBy(f => f.FindingId).ToList();
        if (overdue.Count == 0)
        {
            return null;
        }
        var first = overdue[0];
        var detail = $"{first.Severity} finding '{first.Title}' (/findings/{first.FindingId}) was due {first.DueDate:yyyy-MM-dd}; " +
            $"{first.RemediationOwnerName} remediates it.";
        var others = overdue.Count - 1;
        var since = first.DueDate.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        return new(since, others == 0 ? detail : $"{detail} {others} more finding{(others == 1 ? "" : "s")} overdue.");
    }
}
