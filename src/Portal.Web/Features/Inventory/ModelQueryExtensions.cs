using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Portal.Data;
using Portal.Data.Configurations;
using Portal.Domain.Directory;
using Portal.Domain.Flags;
using Portal.Domain.Inventory;
using Portal.Domain.ModelCards;
using Portal.Domain.Ownership;
using Portal.Web.Features.Shared;

namespace Portal.Web.Features.Inventory;

internal static class ModelQueryExtensions
{
    /// <summary>
    /// Filters by every criterion of the query; <paramref name="scope"/> is the already resolved "mine"/"my teams" view and
    /// <paramref name="text"/> the planned search, if any. <paramref name="onePage"/> says the query reads one page, not
    /// every match (a count, an export).
    /// </summary>
    public static IQueryable<Model> Filter(this IQueryable<Model> models, ModelQuery query, InventorySources sources, InventoryScope scope,
        TextSearch? text, bool onePage, ModelIdSets sets)
    {
        var active = sources.Owners.Where(o => o.EndedAt == null);
        var people = sources.People;
        if (text is not null)
        {
            models = models.Search(text, active, people, sources, sets, onePage);
        }
        if (query.Card is { } card)
        {
            // A model without a card has neither a complete nor a reviewed one: each row checks its state by its key.
            var states = sources.CardStates;
            models = card == CardFilter.Incomplete
                ? models.Where(m => !states.Any(s => s.ModelId == m.Id && s.Complete))
                : models.Where(m => !states.Any(s => s.ModelId == m.Id && s.Reviewed));
            sets.FilteredOtherwise();
        }
        if (!string.IsNullOrWhiteSpace(query.Owner))
        {
            var owner = query.Owner.Trim();
            var named = Named(people, owner);
            models = sets.Keep(models, active.Where(o => o.OwnerSubject == owner || named.Contains(o.OwnerSubject)).Select(o => o.ModelId));
        }
        if (scope.OwnerSubject is { } subject)
        {
            models = sets.Keep(models, active.Where(o => o.OwnerSubject == subject).Select(o => o.ModelId));
        }
        if (scope.Teams is { } teams)
        {
            models = models.Where(m => teams.Contains(m.Team));
            sets.FilteredOtherwise();
        }
        if (query.Status is { } status)
        {
            models = models.Where(m => m.Status == status);
            sets.FilteredOtherwise();
        }
        if (query.RiskTier is { } tier)
        {
            models = models.Where(m => m.RiskTier == tier);
            sets.FilteredOtherwise();
        }
        if (!string.IsNullOrWhiteSpace(query.Team))
        {
            models = models.Where(m => m.Team == query.Team.Trim());
            sets.FilteredOtherwise();
        }
        if (!string.IsNullOrWhiteSpace(query.Tag))
        {
            var tag = query.Tag.Trim().ToLowerInvariant();
            models = sets.Keep(models, sources.Tags.Where(t => t.Tag == tag).Select(t => t.ModelId));
        }
        if (!string.IsNullOrWhiteSpace(query.Flag))
        {
            var rule = query.Flag.Trim().ToLowerInvariant();
            var open = sources.Flags.Where(f => f.ResolvedAt == null);
            models = sets.Keep(models, (rule == ModelQuery.AnyFlag ? open : open.Where(f => f.Rule == rule)).Select(f => f.ModelId));
        }
        return sets.Apply(models);
    }

    /// <summary>
    /// Key, name or description contain the text, or the latest revision of the model's card does, or an active owner's
    /// name does. A narrow text drives the query from the ids its indexes find; a broad one (or one no index answers) is
    /// checked on each row the rest of the query reads.
    /// </summary>
    private static IQueryable<Model> Search(this IQueryable<Model> models, TextSearch text, IQueryable<OwnershipAssignment> active,
        IQueryable<UserAccount> people, InventorySources sources, ModelIdSets sets, bool onePage)
    {
        var wordStart = text.Index is TextIndex.WordStart or TextIndex.FullText;
        var named = wordStart ? NamedFromWordStart(people, text.Text) : Named(people, text.Text);
        var owners = active.Where(o => named.Contains(o.OwnerSubject));
        var byOwner = owners.Select(o => o.ModelId);
        var indexed = sources.TextIds(text);
        var byCard = sources.CardTextIds(text);
        if (indexed is not null && !text.Broad)
        {
            // Three IN lists, not one of their UNION: SQLite reads each by its own index instead of sorting them to merge them.
            return sets.Keep(models, indexed, byOwner, byCard);
        }
        sets.FilteredOtherwise();
        // A page of a broad search reads a few rows in the sort's order: it checks each one's owners by index. A count or
        // an export reads every row: it reads the named owners' models once.
        Expression<Func<Model, bool>> ownerNamed = onePage ? m => owners.Any(o => o.ModelId == m.Id) : m => byOwner.Contains(m.Id);
        var pattern = "%" + LikePattern.Escape(text.Text) + "%";
        // Likewise the card: a page checks each row's one card text by its key; a count or an export reads the card matches once.
        var cards = sources.CardStates;
        Expression<Func<Model, bool>> cardHolds = onePage && !wordStart
            ? m => cards.Any(c => c.ModelId == m.Id && EF.Functions.Like(c.SearchText, pattern, LikePattern.EscapeCharacter))
            : m => byCard.Contains(m.Id);
        if (indexed is not null && wordStart)
        {
            // "+ 0" keeps SQLite from reading the models by these ids: it reads the ids once and checks each row against them.
            return models.Where(Either(Either(m => indexed.Contains(m.Id + 0), ownerNamed), cardHolds));
        }
        // LIKE is case-insensitive on both providers' defaults; the user's wildcards are escaped. Per row it costs less
        // than reading every id a broad text finds in the trigram index.
        return models.Where(Either(Either(m => EF.Functions.Like(m.Key, pattern, LikePattern.EscapeCharacter)
            || EF.Functions.Like(m.Name, pattern, LikePattern.EscapeCharacter)
            || (m.Description != null && EF.Functions.Like(m.Description, pattern, LikePattern.EscapeCharacter)), ownerNamed), cardHolds));
    }

    private static Expression<Func<Model, bool>> Either(Expression<Func<Model, bool>> first, Expression<Func<Model, bool>> second) =>
        Expression.Lambda<Func<Model, bool>>(
            Expression.OrElse(first.Body, ReplacingExpressionVisitor.Replace(second.Parameters[0], first.Parameters[0], second.Body)),
            first.Parameters);

    /// <summary>
    /// Subjects of the people whose name contains <paramref name="text"/>, from the user directory: far fewer rows than
    /// the owner roles, which are then found by their indexed subject. Every owner is in the directory (a rule of assignment).
    /// </summary>
    private static IQueryable<string> Named(IQueryable<UserAccount> people, string text)
    {
        var pattern = "%" + LikePattern.Escape(text) + "%";
        return people.Where(u => EF.Functions.Like(u.Name, pattern, LikePattern.EscapeCharacter)).Select(u => u.Subject);
    }

    /// <summary>Subjects of the people one of whose names starts with <paramref name="text"/>, as a short search matches models.</summary>
    private static IQueryable<string> NamedFromWordStart(IQueryable<UserAccount> people, string text)
    {
        var (first, later) = (LikePattern.Escape(text) + "%", "% " + LikePattern.Escape(text) + "%");
        return people.Where(u => EF.Functions.Like(u.Name, first, LikePattern.EscapeCharacter)
            || EF.Functions.Like(u.Name, later, LikePattern.EscapeCharacter)).Select(u => u.Subject);
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
/// The tables the inventory filters with. <paramref name="TextIds"/> gives the ids a text index finds for a search, or null
/// where no index answers (the filter then uses LIKE: the text anywhere); <paramref name="CardTextIds"/> the ids of the
/// models whose latest card revision holds it.
/// </summary>
internal sealed record InventorySources(IQueryable<OwnershipAssignment> Owners, IQueryable<UserAccount> People, IQueryable<Flag> Flags,
    IQueryable<ModelTag> Tags, Func<TextSearch, IQueryable<int>?> TextIds, IQueryable<ModelCardState> CardStates,
    Func<TextSearch, IQueryable<int>> CardTextIds);

/// <summary>
/// The id sets an inventory query filters by (an owner's, a tag's, a flag's, a text's). Sets are intersected on their own
/// indexes before any model is read: each later set is checked per id of the first (EXISTS). The intersection is then read
/// once: SQLite finds the models by its ids or, with <paramref name="walkFirst"/> (for a set so large that a page comes
/// after a few rows), walks the sort's index and checks each row against it. A narrow text's ids drive instead: later sets
/// are then checked per model.
/// </summary>
internal sealed class ModelIdSets(bool walkFirst = false)
{
    /// <summary>A set at least this large is worth walking the sort's index for: a page needs a few hundred rows at most.</summary>
    public const int LargeSet = 2_000;

    private bool textDrives;
    private bool otherFilters;

    /// <summary>The ids every set so far keeps, if a set (not a text's) filters.</summary>
    public IQueryable<int>? Ids { get; private set; }

    /// <summary>The ids when the sets are all the query filters by: counting them needs no model read.</summary>
    public IQueryable<int>? Only => otherFilters ? null : Ids;

    /// <summary>Notes a criterion that is not a set (status, a team, a text checked per row).</summary>
    public void FilteredOtherwise() => otherFilters = true;

    public IQueryable<Model> Keep(IQueryable<Model> models, IQueryable<int> ids)
    {
        if (textDrives)
        {
            return models.Where(m => ids.Any(id => id == m.Id));
        }
        Ids = Ids is { } kept ? kept.Where(id => ids.Any(other => other == id)) : ids;
        return models;
    }

    /// <summary>Keeps the models whose id is in any set (a text's index matches, its owners' models, its cards' models): they drive.</summary>
    public IQueryable<Model> Keep(IQueryable<Model> models, IQueryable<int> ids, IQueryable<int> orIds, IQueryable<int> orCardIds)
    {
        (textDrives, otherFilters) = (true, true);
        return models.Where(m => ids.Contains(m.Id) || orIds.Contains(m.Id) || orCardIds.Contains(m.Id));
    }

    /// <summary>Keeps the models in every set kept so far; "+ 0" keeps SQLite from finding the models by these ids.</summary>
    public IQueryable<Model> Apply(IQueryable<Model> models)
    {
        var ids = Ids;
        return ids is null ? models : walkFirst ? models.Where(m => ids.Contains(m.Id + 0)) : models.Where(m => ids.Contains(m.Id));
    }
}

/// <summary>A resolved inventory view: only models owned by a subject, or only models of some teams; null means no limit.</summary>
internal sealed record InventoryScope(string? OwnerSubject, IReadOnlyList<string>? Teams)
{
    public static readonly InventoryScope Everything = new(null, null);
}
