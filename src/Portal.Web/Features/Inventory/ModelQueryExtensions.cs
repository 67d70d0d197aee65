using Microsoft.EntityFrameworkCore;
using Portal.Domain.Inventory;
using Portal.Web.Features.Shared;

namespace Portal.Web.Features.Inventory;

internal static class ModelQueryExtensions
{
    public static IQueryable<Model> Filter(this IQueryable<Model> models, ModelQuery query)
    {
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            // LIKE is case-insensitive on both providers' defaults; the user's wildcards are escaped.
            var pattern = "%" + LikePattern.Escape(query.Search.Trim()) + "%";
            models = models.Where(m => EF.Functions.Like(m.Key, pattern, LikePattern.EscapeCharacter)
                || EF.Functions.Like(m.Name, pattern, LikePattern.EscapeCharacter)
                || (m.Description != null && EF.Functions.Like(m.Description, pattern, LikePattern.EscapeCharacter)));
        }
        if (query.Status is { } status)
        {
            models = models.Where(m => m.Status == status);
        }
        if (query.RiskTier is { } tier)
        {
            models = models.Where(m => m.RiskTier == tier);
        }
        if (!string.IsNullOrWhiteSpace(query.Team))
        {
            models = models.Where(m => m.Team == query.Team.Trim());
        }
        if (!string.IsNullOrWhiteSpace(query.Tag))
        {
            var tag = query.Tag.Trim().ToLowerInvariant();
            models = models.Where(m => m.Tags.Contains(tag));
        }
        return models;
    }

    public static IQueryable<Model> Sort(this IQueryable<Model> models, ModelSort sort, bool descending)
    {
        var sorted = (sort, descending) switch
        {
            (ModelSort.Name, false) => models.OrderBy(m => m.Name),
            (ModelSort.Name, true) => models.OrderByDescending(m => m.Name),
            (ModelSort.Team, false) => models.OrderBy(m => m.Team),
            (ModelSort.Team, true) => models.OrderByDescending(m => m.Team),
            (ModelSort.RiskTier, false) => models.OrderBy(m => m.RiskTier),
            (ModelSort.RiskTier, true) => models.OrderByDescending(m => m.RiskTier),
            (ModelSort.Status, false) => models.OrderBy(m => m.Status),
            (ModelSort.Status, true) => models.OrderByDescending(m => m.Status),
            (ModelSort.UpdatedAt, false) => models.OrderBy(m => m.UpdatedAt),
            (ModelSort.UpdatedAt, true) => models.OrderByDescending(m => m.UpdatedAt),
            (_, true) => models.OrderByDescending(m => m.KeyNormalized),
            _ => models.OrderBy(m => m.KeyNormalized),
        };
        // A unique tie-breaker keeps pages stable when many rows share the sort value.
        return sorted.ThenBy(m => m.Id);
    }
}
