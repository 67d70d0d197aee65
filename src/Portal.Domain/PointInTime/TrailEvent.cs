namespace Portal.Domain.PointInTime;

/// <summary>
/// One audit event as the point-in-time fold reads it. <paramref name="Values"/> are the event's recorded values
/// (its "after" values when folding forward, its "before" values when folding back), top-level properties as text.
/// </summary>
public sealed record TrailEvent(long Sequence, DateTime OccurredAt, string Action, string EntityType, string EntityId, string ActorName,
    IReadOnlyDictionary<string, string?>? Values = null)
{
    public const string ModelEntity = "Model";
    public const string VersionEntity = "ModelVersion";
    public const string ModelRegistered = "Model.Registered";
    public const string StageChanged = "Version.StageChanged";

    /// <summary>The version label of a version event (its entity id is "{model key}@{label}").</summary>
    public string VersionLabel(string modelKey) =>
        EntityId.Length > modelKey.Length && EntityId[modelKey.Length] == '@' ? EntityId[(modelKey.Length + 1)..] : EntityId[(EntityId.LastIndexOf('@') + 1)..];

    public string? Value(string name) => Values is not null && Values.TryGetValue(name, out var value) ? value : null;

    public bool Sets(string name) => Values?.ContainsKey(name) == true;
}
