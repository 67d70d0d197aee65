using Portal.Domain.Inventory;

namespace Portal.Web.Features.Inventory;

/// <summary>Configuration section "Inventory".</summary>
public sealed class InventoryOptions
{
    public const string Section = "Inventory";

    /// <summary>
    /// What the inventory page counts a broad search up to before it shows "more than" (default 10,000): counting further
    /// reads every match of a text that matches most of a large inventory. The API always counts exactly. At least the
    /// largest page (200), so that a page never holds more rows than the count it shows.
    /// </summary>
    public int PageCountLimit { get; set; } = ModelQuery.DefaultCountLimit;
}
