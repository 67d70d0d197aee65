namespace Portal.Domain.Inventory;

public enum RiskTier
{
    Low,
    Medium,
    High,
}
