using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Configurations;
using Portal.Domain.Directory;
using Portal.Domain.Flags;
using Portal.Domain.Inventory;
using Portal.Domain.Ownership;
using Portal.Web.Features.Shared;

namespace Portal.Web.Features.Inventory;

internal static class ModelQueryExtensions
{
    /// <summary>Filters by every criterion of the query; <paramref name="scope"/> is the already resolved "mine"/"my teams" view.</summary>
    public static IQueryable<Model> Filter(this IQueryable<Model> models, ModelQuery query, InventorySources sources, InventoryScope scope)
    {
        // Owner conditions are written as "Id IN (owners...)" so the owners are scanned once, not once per model.
        var active = sources.Owners.Where(o => o.EndedAt == null);
        var people = sources.People;
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            models = models.Search(query.Search.Trim(), active, people, sources.TextIndex);
        }
        if (!string.IsNullOrWhiteSpace(query.Owner))
        {
            var owner = query.Owner.Trim();
            var named = Named(people, owner);
            var owned = active.Where(o => o.OwnerSubject == owner || named.Contains(o.OwnerSubject)).Select(o => o.ModelId);
            models = models.Where(m => owned.Contains(m.Id));
        }
        if (scope.OwnerSubject is { } subject)
        {
            var mine = active.Where(o => o.OwnerSubject == subject).Select(o => o.ModelId);
            models = models.Where(m => mine.Contains(m.Id));
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
            var tagged = sources.Tags.Where(t => t.Tag == tag).Select(t => t.ModelId);
            models = models.Where(m => tagged.Contains(m.Id));
        }
        if (!string.IsNullOrWhiteSpace(query.Flag))
        {
            var rule = query.Flag.Trim().ToLowerInvariant();
            var open = sources.Flags.Where(f => f.ResolvedAt == null);
            models = rule == ModelQuery.AnyFlag
                ? models.Where(m => open.Select(f => f.ModelId).Contains(m.Id))
                : models.Where(m => open.Where(f => f.Rule == rule).Select(f => f.ModelId).Contains(m.Id));
        }
        return models;
    }

    /// <summary>Key, name or description contain the text (from the text index where there is one), or an active owner's name does.</summary>
    private static IQueryable<Model> Search(this IQueryable<Model> models, string text, IQueryable<OwnershipAssignment> active,
        IQueryable<UserAccount> people, Func<string, IQueryable<int>?> textIndex)
    {
        // LIKE is case-insensitive on both providers' defaults; the user's wildcards are escaped.
        var pattern = "%" + LikePattern.Escape(text) + "%";
        var named = Named(people, text);
        var byOwner = active.Where(o => named.Contains(o.OwnerSubject)).Select(o => o.ModelId);
        if (textIndex(text) is { } indexed)
        {
            var matching = indexed.Union(byOwner);
            return models.Where(m => matching.Contains(m.Id));
        }
        return models.Where(m => EF.Functions.Like(m.Key, pattern, LikePattern.EscapeCharacter)
            || EF.Functions.Like(m.Name, pattern, LikePattern.EscapeCharacter)
            || (m.Description != null && EF.Functions.Like(m.Description, pattern, LikePattern.EscapeCharacter))
            || byOwner.Contains(m.Id));
    }

    /// <summary>
    /// Subjects of the people whose name contains <paramref name="text"/>, from the user directory: far fewer rows than
    /// the owner roles, which are then found by their indexed subject. Every owner is in the directory (a rule of assignment).
    /// </summary>
    private static IQueryable<string> Named(IQueryable<UserAccount> people, string text)
    {
        var pattern = "%" + LikePattern.Escape(text) + "%";
        return people.Where(u => EF.Functions.Like(u.Name, pattern, LikePattern.EscapeCharacter)).Select(u => u.Subject);
    }

    public static IQueryable<Model> Sort(this IQueryable<Model> models, ModelSort sort, bool descending)
    {
        var sorted = (sort, descending) switch
        {
            (ModelSort.Name, false) => models.OrderBy(m => m.Name),
            (ModelSort.Name, true) => models.OrderByDescending(m => m.Name),
            (ModelSort.Team, false) => models.OrderBy(m => m.Team),
            (ModelSort.Team, true) => models.OrderByDescending(m => m.Team),
            // Enums are stored by name; their computed rank columns sort in the domain's order, from an index.
            (ModelSort.RiskTier, false) => models.OrderBy(m => EF.Property<int>(m, ModelConfiguration.RiskTierRank)),
            (ModelSort.RiskTier, true) => models.OrderByDescending(m => EF.Property<int>(m, ModelConfiguration.RiskTierRank)),
            (ModelSort.Status, false) => models.OrderBy(m => EF.Property<int>(m, ModelConfiguration.StatusRank)),
            (ModelSort.Status, true) => models.OrderByDescending(m => EF.Property<int>(m, ModelConfiguration.StatusRank)),
            (ModelSort.UpdatedAt, false) => models.OrderBy(m => m.UpdatedAt),
            (ModelSort.UpdatedAt, true) => models.OrderByDescending(m => m.UpdatedAt),
            (_, true) => models.OrderByDescending(m => m.KeyNormalized),
            _ => models.OrderBy(m => m.KeyNormalized),
        };
        // A unique tie-breaker keeps pages stable when many rows share the sort value; in the same direction, so that
        // one index (whose entries end with the row id) gives the order.
        return descending ? sorted.ThenByDescending(m => m.Id) : sorted.ThenBy(m => m.Id);
    }
}

/// <summary>
/// The tables the inventory filters with. <paramref name="TextIndex"/> gives the ids a text index finds for a text, or null
/// where no index answers (the filter then uses LIKE: the text anywhere).
/// </summary>
internal sealed record InventorySources(IQueryable<OwnershipAssignment> Owners, IQueryable<UserAccount> People, IQueryable<Flag> Flags,
    IQueryable<ModelTag> Tags, Func<string, IQueryable<int>?> TextIndex);

/// <summary>A resolved inventory view: only models owned by a subject, or only models of some teams; null means no limit.</summary>
internal sealed record InventoryScope(string? OwnerSubject, IReadOnlyList<string>? Teams)
{
    public static readonly InventoryScope Everything = new(null, null);
}
