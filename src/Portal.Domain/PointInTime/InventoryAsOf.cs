using Portal.Domain.Inventory;
using Portal.Domain.Ownership;
using Portal.Domain.Versions;

namespace Portal.Domain.PointInTime;

/// <summary>
/// A page of the inventory as it stood at a moment. <see cref="ThroughEvent"/> is the last audit event sealed at or before the
/// moment: every row rests on the trail up to there (a model's own answer cites its events one by one).
/// </summary>
public sealed record InventoryAsOf(DateTime AsOf, long? ThroughEvent, IReadOnlyList<InventoryRowAsOf> Items, int TotalCount);

/// <summary>One model as it stood: attributes, versions in stage, owners, card revision in force, open flags.</summary>
public sealed record InventoryRowAsOf(
    string Key,
    string Name,
    string Team,
    RiskTier? RiskTier,
    LifecycleStatus? Status,
    string? ProductionVersion,
    int? ProductionRelease,
    IReadOnlyList<string> StagingVersions,
    string? PrimaryOwner,
    IReadOnlyList<string> BackupOwners,
    int? CardRevision,
    bool CardReviewed,
    IReadOnlyList<string> OpenFlags);

/// <summary>What the inventory's bulk reads found for one model at the moment, besides its folded state.</summary>
public sealed record InventoryFacts(IReadOnlyList<(OwnerRole Role, string Name)> Owners, IReadOnlyList<string> OpenFlags, int? CardRevision,
    bool CardReviewed, IReadOnlyDictionary<string, int> ProductionApprovals)
{
    public static readonly InventoryFacts None = new([], [], null, false, new Dictionary<string, int>());
}

public static class InventoryRows
{
    /// <summary>The row of a model that existed at the moment; <paramref name="facts"/> are its owners, flags, card and approvals then.</summary>
    public static InventoryRowAsOf Row(ModelState state, InventoryFacts facts) => Row(state.Attributes(), state.VersionsInStage(), facts);

    /// <param name="stages">The versions in Staging or Production then, Production first (<see cref="ModelState.VersionsInStage"/>).</param>
    public static InventoryRowAsOf Row(ModelAttributesAsOf attributes, IReadOnlyList<VersionAtMoment> stages, InventoryFacts facts)
    {
        var production = stages.FirstOrDefault(v => v.Stage == VersionStage.Production)?.Label;
        return new InventoryRowAsOf(attributes.Key, attributes.Name, attributes.Team, attributes.RiskTier, attributes.Status, production,
            production is not null && facts.ProductionApprovals.TryGetValue(production, out var release) ? release : null,
            [.. stages.Where(v => v.Stage == VersionStage.Staging).Select(v => v.Label)],
            facts.Owners.FirstOrDefault(o => o.Role == OwnerRole.Primary).Name,
            [.. facts.Owners.Where(o => o.Role == OwnerRole.Backup).Select(o => o.Name).Order(StringComparer.Ordinal)],
            facts.CardRevision, facts.CardReviewed, [.. facts.OpenFlags.Order(StringComparer.Ordinal)]);
    }
}
