using Microsoft.EntityFrameworkCore;
using Portal.Domain.Flags;
using Portal.Domain.Inventory;
using Portal.Domain.Ownership;
using Portal.Web.Features.Shared;

namespace Portal.Web.Features.Inventory;

internal static class ModelQueryExtensions
{
    /// <summary>Filters by every criterion of the query; <paramref name="scope"/> is the already resolved "mine"/"my teams" view.</summary>
    public static IQueryable<Model> Filter(this IQueryable<Model> models, ModelQuery query, IQueryable<OwnershipAssignment> owners, InventoryScope scope,
        IQueryable<Flag> flags)
    {
        // Owner conditions are written as "Id IN (owners...)" so the owners are scanned once, not once per model.
        var active = owners.Where(o => o.EndedAt == null);
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            // LIKE is case-insensitive on both providers' defaults; the user's wildcards are escaped.
            var pattern = "%" + LikePattern.Escape(query.Search.Trim()) + "%";
            models = models.Where(m => EF.Functions.Like(m.Key, pattern, LikePattern.EscapeCharacter)
                || EF.Functions.Like(m.Name, pattern, LikePattern.EscapeCharacter)
                || (m.Description != null && EF.Functions.Like(m.Description, pattern, LikePattern.EscapeCharacter))
                || active.Where(o => EF.Functions.Like(o.OwnerName, pattern, LikePattern.EscapeCharacter)).Select(o => o.ModelId).Contains(m.Id));
        }
        if (!string.IsNullOrWhiteSpace(query.Owner))
        {
            var owner = query.Owner.Trim();
            var ownerPattern = "%" + LikePattern.Escape(owner) + "%";
            models = models.Where(m => active.Any(o => o.ModelId == m.Id
                && (o.OwnerSubject == owner || EF.Functions.Like(o.OwnerName, ownerPattern, LikePattern.EscapeCharacter))));
        }
        if (scope.OwnerSubject is { } subject)
        {
            models = models.Where(m => active.Any(o => o.ModelId == m.Id && o.OwnerSubject == subject));
        }
        if (scope.Teams is { } teams)
        {
            models = models.Where(m => teams.Contains(m.Team));
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
        if (!string.IsNullOrWhiteSpace(query.Flag))
        {
            var rule = query.Flag.Trim().ToLowerInvariant();
            var open = flags.Where(f => f.ResolvedAt == null);
            models = rule == ModelQuery.AnyFlag
                ? models.Where(m => open.Select(f => f.ModelId).Contains(m.Id))
                : models.Where(m => open.Where(f => f.Rule == rule).Select(f => f.ModelId).Contains(m.Id));
        }
        return models;
    }

    // Enums are stored as their names; sorting follows the domain's order, not the alphabet.
    private static readonly System.Linq.Expressions.Expression<Func<Model, int>> TierRank =
        m => m.RiskTier == RiskTier.High ? 2 : m.RiskTier == RiskTier.Medium ? 1 : 0;

    private static readonly System.Linq.Expressions.Expression<Func<Model, int>> StatusRank =
        m => m.Status == LifecycleStatus.Retired ? 3 : m.Status == LifecycleStatus.Production ? 2 : m.Status == LifecycleStatus.Validation ? 1 : 0;

    public static IQueryable<Model> Sort(this IQueryable<Model> models, ModelSort sort, bool descending)
    {
        var sorted = (sort, descending) switch
        {
            (ModelSort.Name, false) => models.OrderBy(m => m.Name),
            (ModelSort.Name, true) => models.OrderByDescending(m => m.Name),
            (ModelSort.Team, false) => models.OrderBy(m => m.Team),
            (ModelSort.Team, true) => models.OrderByDescending(m => m.Team),
            (ModelSort.RiskTier, false) => models.OrderBy(TierRank),
            (ModelSort.RiskTier, true) => models.OrderByDescending(TierRank),
            (ModelSort.Status, false) => models.OrderBy(StatusRank),
            (ModelSort.Status, true) => models.OrderByDescending(StatusRank),
            (ModelSort.UpdatedAt, false) => models.OrderBy(m => m.UpdatedAt),
            (ModelSort.UpdatedAt, true) => models.OrderByDescending(m => m.UpdatedAt),
            (_, true) => models.OrderByDescending(m => m.KeyNormalized),
            _ => models.OrderBy(m => m.KeyNormalized),
        };
        // A unique tie-breaker keeps pages stable when many rows share the sort value.
        return sorted.ThenBy(m => m.Id);
    }
}

/// <summary>A resolved inventory view: only models owned by a subject, or only models of some teams; null means no limit.</summary>
internal sealed record InventoryScope(string? OwnerSubject, IReadOnlyList<string>? Teams)
{
    public static readonly InventoryScope Everything = new(null, null);
}
