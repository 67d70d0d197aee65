namespace Portal.Domain.Inventory;

public enum LifecycleStatus
{
    Development,
    Validation,
    Production,
    Retired,
}
