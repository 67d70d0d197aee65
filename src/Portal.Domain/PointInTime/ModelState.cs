using Portal.Domain.Inventory;
using Portal.Domain.Versions;

namespace Portal.Domain.PointInTime;

/// <summary>
/// A model's recorded attributes and its versions' stages at one moment, folded from its audit events. Two folds give the
/// same state: forward from registration over the events at or before the moment (their values after), or back from the
/// current row over the events after it (their values before, newest first). The forward fold also knows which event set
/// each value; the backward fold reads only the history since the moment, which is cheaper when the moment is recent.
/// </summary>
public sealed class ModelState
{
    /// <summary>The model properties the answer reports; the others are not parsed.</summary>
    public static readonly IReadOnlySet<string> ModelFields = new HashSet<string> { Name, Team, RiskTier, Status };
    public static readonly IReadOnlySet<string> VersionFields = new HashSet<string> { Stage };

    private const string Name = nameof(Model.Name);
    private const string Team = nameof(Model.Team);
    private const string RiskTier = nameof(Model.RiskTier);
    private const string Status = nameof(Model.Status);
    private const string Stage = nameof(ModelVersion.Stage);

    private readonly Dictionary<string, string?> values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TrailEvent> setBy = new(StringComparer.Ordinal);
    private readonly Dictionary<string, VersionAtMoment> stages = new(StringComparer.Ordinal);

    private ModelState(string key, bool exists)
    {
        Key = key;
        Exists = exists;
    }

    public string Key { get; }

    public bool Exists { get; private set; }

    /// <summary>The forward fold: the model's events at or before the moment, in sequence, each with its values after.</summary>
    public static ModelState Forward(string key, IEnumerable<TrailEvent> eventsUpToMoment)
    {
        var state = new ModelState(key, exists: false);
        foreach (var audit in eventsUpToMoment)
        {
            state.ApplyAfter(audit);
        }
        return state;
    }

    /// <summary>
    /// The backward fold: the model as it is now and its versions now in a stage, undone by the events after the moment, newest
    /// first, each with its values before. Undoing the registration means the model did not exist yet.
    /// </summary>
    public static ModelState Backward(CurrentModel current, IEnumerable<TrailEvent> eventsAfterMomentNewestFirst)
    {
        var state = new ModelState(current.Key, exists: true);
        state.values[Name] = current.Name;
        state.values[Team] = current.Team;
        state.values[RiskTier] = current.RiskTier.ToString();
        state.values[Status] = current.Status.ToString();
        foreach (var (label, stage) in current.Stages)
        {
            state.stages[label] = new VersionAtMoment(label, stage, null);
        }
        foreach (var audit in eventsAfterMomentNewestFirst)
        {
            state.ApplyBefore(audit);
        }
        return state;
    }

    public ModelAttributesAsOf Attributes() => new(
        Key,
        values.GetValueOrDefault(Name) ?? Key,
        values.GetValueOrDefault(Team) ?? "",
        Enum.TryParse<RiskTier>(values.GetValueOrDefault(RiskTier), out var tier) ? tier : null,
        Enum.TryParse<LifecycleStatus>(values.GetValueOrDefault(Status), out var status) ? status : null,
        setBy.GetValueOrDefault(RiskTier)?.Sequence,
        setBy.GetValueOrDefault(Team)?.Sequence);

    /// <summary>The versions in Staging or Production at the moment, Production first.</summary>
    public IReadOnlyList<VersionAtMoment> VersionsInStage() => InStage(stages.Values);

    /// <summary>The versions in Staging or Production, Production first, then by label.</summary>
    internal static IReadOnlyList<VersionAtMoment> InStage(IEnumerable<VersionAtMoment> versions) =>
        [.. versions.Where(v => v.Stage is VersionStage.Production or VersionStage.Staging)
            .OrderByDescending(v => v.Stage).ThenBy(v => v.Label, StringComparer.Ordinal)];

    /// <summary>The events the attributes rest on (forward fold only), each once, in sequence.</summary>
    public IEnumerable<TrailEvent> AttributeEvents() => setBy.Values.DistinctBy(e => e.Sequence).OrderBy(e => e.Sequence);

    private void ApplyAfter(TrailEvent audit)
    {
        if (audit.EntityType == TrailEvent.ModelEntity)
        {
            Exists |= audit.Action == TrailEvent.ModelRegistered;
            foreach (var field in ModelFields.Where(audit.Sets))
            {
                values[field] = audit.Value(field);
                setBy[field] = audit;
            }
        }
        else if (IsStageChange(audit) && Enum.TryParse<VersionStage>(audit.Value(Stage), out var stage))
        {
            var label = audit.VersionLabel(Key);
            stages[label] = new VersionAtMoment(label, stage, audit);
        }
    }

    private void ApplyBefore(TrailEvent audit)
    {
        if (audit.EntityType == TrailEvent.ModelEntity)
        {
            if (audit.Action == TrailEvent.ModelRegistered)
            {
                Exists = false;
                return;
            }
            foreach (var field in ModelFields.Where(audit.Sets))
            {
                values[field] = audit.Value(field);
            }
        }
        else if (IsStageChange(audit) && Enum.TryParse<VersionStage>(audit.Value(Stage), out var stage))
        {
            var label = audit.VersionLabel(Key);
            stages[label] = new VersionAtMoment(label, stage, null);
        }
    }

    private static bool IsStageChange(TrailEvent audit) =>
        audit.EntityType == TrailEvent.VersionEntity && audit.Action == TrailEvent.StageChanged && audit.Sets(Stage);
}

/// <summary>The model as its row reads now, with its versions currently in Staging or Production: where the backward fold starts.</summary>
public sealed record CurrentModel(string Key, string Name, string Team, RiskTier RiskTier, LifecycleStatus Status,
    IReadOnlyList<(string Label, VersionStage Stage)> Stages)
{
    /// <summary>The attributes the backward fold gives when nothing happened since the moment, without building the fold.</summary>
    public ModelAttributesAsOf Attributes() => new(Key, Name, Team, RiskTier, Status, null, null);

    /// <summary>The versions in stage the backward fold gives when nothing happened since the moment.</summary>
    public IReadOnlyList<VersionAtMoment> VersionsInStage() => ModelState.InStage(Stages.Select(s => new VersionAtMoment(s.Label, s.Stage, null)));
}

/// <summary>A version's stage at the moment and the event that put it there (known to the forward fold).</summary>
public sealed record VersionAtMoment(string Label, VersionStage Stage, TrailEvent? SetBy);

public sealed record ModelAttributesAsOf(string Key, string Name, string Team, RiskTier? RiskTier, LifecycleStatus? Status,
    long? RiskTierEvent, long? TeamEvent);
