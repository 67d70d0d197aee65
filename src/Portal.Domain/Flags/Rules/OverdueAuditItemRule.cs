namespace Portal.Domain.Flags.Rules;

/// <summary>
/// An audit request's question about the model is past its due date and still waits for the assignee's answer (open, or returned
/// for more). Answered items waiting for the requester's decision do not count: the model's people have done their part.
/// </summary>
public sealed class OverdueAuditItemRule : IFlagRule
{
    public const string RuleName = "overdue-audit-item";

    public string Name => RuleName;
    public string Title => "Audit question overdue";
    public FlagSeverity DefaultSeverity => FlagSeverity.Medium;
    public bool BlocksReleasesByDefault => false;
    public FlagActors WhoActs => FlagActors.Owners;
    public IReadOnlyList<RuleThreshold> Thresholds => [];
    public IReadOnlyList<string> RequiredFacts => [FactKinds.AuditRequests];

    public FlagCondition? Evaluate(ModelFacts facts, RuleSettings settings, DateTime now)
    {
        if (facts.IsRetired)
        {
            return null;
        }
        var overdue = facts.OpenAuditItems.Where(i => i.DueAt <= now).OrderBy(i => i.DueAt).ThenBy(i => i.Number).ToList();
        if (overdue.Count == 0)
        {
            return null;
        }
        var which = string.Join("; ", overdue.Take(5).Select(i => $"question {i.Number} of \"{i.RequestTitle}\" (due {i.DueAt:yyyy-MM-dd}, assigned to {i.AssigneeName})"));
        var more = overdue.Count > 5 ? $" and {overdue.Count - 5} more" : "";
        return new(overdue[0].DueAt, $"Unanswered past the due date: {which}{more}.");
    }
}
