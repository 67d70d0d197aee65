namespace Portal.Domain.Inventory;

public enum RiskTier
{
    Low,
    Medium,
    High,
}

public static class RiskTiers
{
    /// <summary>The one order in which the portal lists tiers: the most scrutiny first.</summary>
    public static readonly IReadOnlyList<RiskTier> MostSevereFirst = [RiskTier.High, RiskTier.Medium, RiskTier.Low];
}
