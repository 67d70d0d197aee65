using Portal.Domain.Inventory;

namespace Portal.Web.Features.Inventory;

/// <summary>A model as pages and the API show it.</summary>
public sealed record ModelView(
    string Key, string Name, string? Description, string Team, RiskTier RiskTier, LifecycleStatus Status,
    IReadOnlyList<string> Tags, DateTime RegisteredAt, string RegisteredBy, DateTime UpdatedAt,
    DateTime? RetiredAt, string? RetirementReason, int Revision)
{
    public static ModelView From(Model m) => new(m.Key, m.Name, m.Description, m.Team, m.RiskTier, m.Status, m.Tags,
        m.RegisteredAt, m.RegisteredBy, m.UpdatedAt, m.RetiredAt, m.RetirementReason, m.Revision);

    public ModelDetails ToDetails() => new(Key, Name, Description, Team, RiskTier, Status, Tags);
}

/// <summary>One row of the inventory.</summary>
public sealed record ModelSummary(string Key, string Name, string Team, RiskTier RiskTier, LifecycleStatus Status,
    IReadOnlyList<string> Tags, DateTime UpdatedAt, string? PrimaryOwner, int OpenFlags = 0);

public enum ModelSort
{
    Key,
    Name,
    Team,
    RiskTier,
    Status,
    UpdatedAt,
}

/// <summary>Which slice of the inventory: everything, the models I own, or the models of my teams.</summary>
public enum InventoryView
{
    All,
    Mine,
    MyTeams,
}

/// <summary>
/// The inventory's filter, sort and page. <see cref="Owner"/> matches an active owner's subject or name; <see cref="Flag"/>
/// keeps models with an open flag of that rule ("any" for any rule). With a <see cref="CountLimit"/>, the total of a broad search
/// (one that matches more models than the limit) or of a card filter counts up to the limit and then says "more than": its
/// exact count would read every match of a text, or check the card of every model, of a large inventory.
/// </summary>
public sealed record ModelQuery(
    string? Search = null,
    LifecycleStatus? Status = null,
    RiskTier? RiskTier = null,
    string? Team = null,
    string? Tag = null,
    ModelSort Sort = ModelSort.Key,
    bool Descending = false,
    int Page = 1,
    int PageSize = 25,
    string? Owner = null,
    InventoryView View = InventoryView.All,
    string? Flag = null,
    int? CountLimit = null,
    CardFilter? Card = null)
{
    /// <summary>
    /// The count limit of the inventory page, unless configured otherwise; without a limit, still the number of index
    /// matches beyond which a search is broad (checked row by row).
    /// </summary>
    public const int DefaultCountLimit = 10_000;

    /// <summary>True when the query keeps every model a search finds: no other filter and no view.</summary>
    public bool SearchesOnly => Status is null && RiskTier is null && string.IsNullOrWhiteSpace(Team) && string.IsNullOrWhiteSpace(Tag)
        && string.IsNullOrWhiteSpace(Owner) && View == InventoryView.All && string.IsNullOrWhiteSpace(Flag) && Card is null;

    /// <summary>The <see cref="Flag"/> value meaning "an open flag of any rule".</summary>
    public const string AnyFlag = "any";

    /// <summary>Each text field holding a control character, by its address parameter's name.</summary>
    public Dictionary<string, string[]> TextProblems()
    {
        var problems = new Dictionary<string, string[]>();
        foreach (var (name, value) in new[] { ("search", Search), ("team", Team), ("tag", Tag), ("owner", Owner), ("flag", Flag) })
        {
            if (Domain.QueryText.Problem(name, value) is { } problem)
            {
                problems[name] = [problem];
            }
        }
        return problems;
    }
}

/// <summary>The inventory's card filter (card=incomplete|unreviewed): models whose card is not complete for their tier's template, or whose latest revision is not reviewed; a model without a card is both.</summary>
public enum CardFilter
{
    Incomplete,
    Unreviewed,
}

public static class CardFilters
{
    /// <summary>The filter <paramref name="value"/> names, in any case, or null.</summary>
    public static CardFilter? Find(string? value) =>
        Enum.GetValues<CardFilter>().Cast<CardFilter?>()
            .FirstOrDefault(f => string.Equals(f.ToString(), value?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The filter an address names; none without a value, and a 400 naming the accepted values for anything else.</summary>
    public static CardFilter? Parse(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null
        : Find(value) ?? throw Shared.InputRejectedException.For("card", "The card filter is 'incomplete' or 'unreviewed'.");
}

/// <summary>Counts for the dashboard.</summary>
public sealed record InventoryCounts(int Total, IReadOnlyDictionary<LifecycleStatus, int> ByStatus, IReadOnlyDictionary<RiskTier, int> ByRiskTier, int Teams);
