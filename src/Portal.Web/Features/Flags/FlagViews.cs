using Portal.Domain.Flags;
using Portal.Domain.Inventory;

namespace Portal.Web.Features.Flags;

/// <summary>
/// A flag as pages and the API show it, with the people who must act, whether the reader may act on the flag, and whether
/// they may assign the model's owners (Admins and the team's managers), so "Reassign owner" is offered only to them.
/// </summary>
public sealed record FlagView(
    int Id, string Rule, string RuleTitle, string ModelKey, string ModelName, string Team, RiskTier RiskTier, FlagSeverity Severity,
    string Detail, DateTime Since, DateTime RaisedAt, DateTime? ResolvedAt, FlagActors WhoActs, IReadOnlyList<string> MustAct,
    string? AcknowledgedBy, DateTime? AcknowledgedAt, DateTime? SnoozedUntil, string? SnoozeReason, string? SnoozedBy,
    bool BlocksReleases, bool CanAct, bool CanAssignOwners = false)
{
    public bool IsOpen => ResolvedAt is null;

    public bool IsSnoozedAt(DateTime now) => SnoozedUntil is { } until && until > now;
}

/// <summary>Which flags: by rule, model key, team, and open / resolved / all.</summary>
public sealed record FlagQuery(string? Rule = null, string? Model = null, string? Team = null, FlagStatus Status = FlagStatus.Open,
    int Page = 1, int PageSize = 50);

public enum FlagStatus
{
    Open,
    Resolved,
    All,
}

/// <summary>
/// The attention dashboard: the open flags the reader should look at (their teams' and their own, or all for
/// compliance), counts by rule and team (snoozed ones left out), and the trend of open flags per rule from the scan history.
/// </summary>
public sealed record AttentionView(
    IReadOnlyList<FlagView> Flags, int TotalOpen, int Snoozed, IReadOnlyDictionary<string, int> ByRule, IReadOnlyDictionary<string, int> ByTeam,
    IReadOnlyList<TrendPoint> Trend, IReadOnlyList<RuleView> Rules, bool SeesEverything, DateTime? LastScanAt);

/// <summary>Open flags per rule after the last scan of one day.</summary>
public sealed record TrendPoint(DateTime Day, IReadOnlyDictionary<string, int> OpenByRule);

/// <summary>A rule with its effective settings and thresholds; <see cref="Judged"/> is false while a fact it needs is not tracked.</summary>
public sealed record RuleView(string Name, string Title, FlagActors WhoActs, bool Enabled, FlagSeverity Severity, bool BlocksReleases,
    IReadOnlyList<ThresholdView> Thresholds, bool Judged);

public sealed record ThresholdView(string Key, string Label, int DefaultDays, int Days);

/// <summary>Body of <c>POST /api/v1/flags/{id}/snooze</c>.</summary>
public sealed record SnoozeFlagRequest(string? Reason, DateTime? Until);

/// <summary>Body of <c>PUT /api/v1/flags/rules/{rule}</c>; omitted fields keep their current value.</summary>
public sealed record RuleSettingsRequest(bool? Enabled, string? Severity, bool? BlocksReleases, Dictionary<string, int>? Thresholds);
