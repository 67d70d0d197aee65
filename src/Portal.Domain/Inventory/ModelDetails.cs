namespace Portal.Domain.Inventory;

/// <summary>What a person or pipeline supplies when registering or editing a model; the risk tier has no default (null until chosen).</summary>
public sealed record ModelDetails(
    string Key,
    string Name,
    string? Description,
    string Team,
    RiskTier? RiskTier,
    LifecycleStatus Status,
    IReadOnlyList<string> Tags);
