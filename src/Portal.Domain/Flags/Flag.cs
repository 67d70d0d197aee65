using Portal.Domain.Audit;

namespace Portal.Domain.Flags;

/// <summary>
/// A rule's condition holding for a model, from when the scanner noticed until it no longer holds. Never deleted:
/// a resolved flag stays as history. At most one open flag per rule and model (a filtered unique index).
/// </summary>
public sealed class Flag : IAuditedEntity
{
    public const int MaxSnoozeDays = 90;
    public const int ReasonMaxLength = 1000;

    public int Id { get; private set; }
    public string Rule { get; private set; } = "";
    public int ModelId { get; private set; }
    public string ModelKey { get; private set; } = "";
    public string Team { get; private set; } = "";
    public FlagSeverity Severity { get; private set; }
    public FlagActors WhoActs { get; private set; }
    public string Detail { get; private set; } = "";
    public DateTime Since { get; private set; }
    public DateTime RaisedAt { get; private set; }
    public DateTime? ResolvedAt { get; private set; }
    public string? AcknowledgedBy { get; private set; }
    public DateTime? AcknowledgedAt { get; private set; }
    public DateTime? SnoozedUntil { get; private set; }
    public string? SnoozeReason { get; private set; }
    public string? SnoozedBy { get; private set; }
    public int Revision { get; private set; } = 1;

    public bool IsOpen => ResolvedAt is null;

    public string AuditEntityType => "Flag";
    public string AuditEntityId => $"{ModelKey}:{Rule}";
    public string? AuditModelKey => ModelKey;
    public string? PendingAuditAction { get; private set; }

    public static Flag Raise(IFlagRule rule, RuleSettings settings, ModelFacts facts, FlagCondition condition, DateTime now) => new()
    {
        Rule = rule.Name,
        ModelId = facts.ModelId,
        ModelKey = facts.Key,
        Team = facts.Team,
        Severity = settings.Severity,
        WhoActs = rule.WhoActs,
        Detail = condition.Detail.Length > ReasonMaxLength ? condition.Detail[..ReasonMaxLength] : condition.Detail,
        Since = condition.Since > now ? now : condition.Since,
        RaisedAt = now,
        PendingAuditAction = "Flag.Raised",
    };

    public bool IsSnoozedAt(DateTime now) => SnoozedUntil is { } until && until > now;

    public void Resolve(DateTime now)
    {
        if (!IsOpen)
        {
            throw new InvalidOperationException($"The {Rule} flag of {ModelKey} was already resolved on {ResolvedAt:u}.");
        }
        ResolvedAt = now;
        Touch("Flag.Resolved");
    }

    public void Acknowledge(string by, DateTime now)
    {
        EnsureOpen();
        if (AcknowledgedAt is not null)
        {
            throw new InvalidOperationException($"{AcknowledgedBy} already acknowledged this flag on {AcknowledgedAt:u}.");
        }
        AcknowledgedBy = by;
        AcknowledgedAt = now;
        Touch("Flag.Acknowledged");
    }

    /// <summary>Hides the flag from the attention lists until <paramref name="until"/>; it still blocks releases.</summary>
    public void Snooze(string by, string reason, DateTime until, DateTime now)
    {
        EnsureOpen();
        var errors = ValidateSnooze(reason, until, now);
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors.Values.SelectMany(v => v)));
        }
        SnoozedBy = by;
        SnoozeReason = reason.Trim();
        SnoozedUntil = until;
        Touch("Flag.Snoozed");
    }

    /// <summary>Field errors (<c>reason</c>, <c>until</c>) for a snooze; empty when valid.</summary>
    public static Dictionary<string, string[]> ValidateSnooze(string? reason, DateTime? until, DateTime now)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > ReasonMaxLength)
        {
            errors["reason"] = [$"A reason (at most {ReasonMaxLength} characters) is required to snooze a flag."];
        }
        if (until is null || until <= now)
        {
            errors["until"] = ["The snooze must end in the future."];
        }
        else if (until > now.AddDays(MaxSnoozeDays))
        {
            errors["until"] = [$"A flag can be snoozed for at most {MaxSnoozeDays} days; snooze again when that ends."];
        }
        return errors;
    }

    public void ClearPendingAuditAction() => PendingAuditAction = null;

    private void EnsureOpen()
    {
        if (!IsOpen)
        {
            throw new InvalidOperationException($"The {Rule} flag of {ModelKey} was resolved on {ResolvedAt:u}; there is nothing to act on.");
        }
    }

    private void Touch(string action)
    {
        Revision++;
        PendingAuditAction = action;
    }
}
