using Portal.Domain;
using Portal.Domain.Inventory;
using Portal.Domain.PointInTime;

namespace Portal.Web.Features.PointInTime;

/// <summary>Filters on the inventory as it stood (team, risk tier and status as they were then; text in key or name) and a page.</summary>
public sealed record InventoryAsOfQuery(string? Search = null, string? Team = null, RiskTier? RiskTier = null, LifecycleStatus? Status = null,
    int Page = 1, int PageSize = 25)
{
    public IReadOnlyDictionary<string, string[]> Problems()
    {
        var problems = new Dictionary<string, string[]>();
        foreach (var (field, text) in new[] { ("search", Search), ("team", Team) })
        {
            if (QueryText.Problem(field, text) is { } problem)
            {
                problems[field] = [problem];
            }
            else if (text?.Length > FieldLengths.Identity)
            {
                problems[field] = [$"'{field}' is at most {FieldLengths.Identity} characters."];
            }
        }
        if (Page < 1 || PageSize < 1)
        {
            problems["page"] = ["page and pageSize start at 1."];
        }
        return problems;
    }

    public bool Matches(ModelAttributesAsOf model) =>
        (RiskTier is null || model.RiskTier == RiskTier)
        && (Status is null || model.Status == Status)
        && (string.IsNullOrWhiteSpace(Team) || Domain.Teams.Team.Normalize(Team) == Domain.Teams.Team.Normalize(model.Team))
        && (string.IsNullOrWhiteSpace(Search) || model.Key.Contains(Search.Trim(), StringComparison.OrdinalIgnoreCase)
            || model.Name.Contains(Search.Trim(), StringComparison.OrdinalIgnoreCase));
}
