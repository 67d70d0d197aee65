using System.Text.Json.Serialization;

namespace Portal.Web.Features.Shared;

/// <summary>
/// A page of a list, as the API answers it: <c>{"items": [...], "totalCount": N}</c>. <paramref name="TotalCountCapped"/>
/// means more than <paramref name="TotalCount"/> match (a count that stopped at its limit); the API leaves it out when false.
/// </summary>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int TotalCount,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool TotalCountCapped = false);

public static class Paging
{
    public const int MaxPageSize = 200;

    /// <summary>
    /// The page and its size; a page whose offset ((page - 1) × size) does not fit the database's row offset
    /// is refused (it would wrap to a negative offset, which SQL Server refuses with an error).
    /// </summary>
    public static (int Page, int PageSize) Normalize(int? page, int? pageSize)
    {
        var size = pageSize is null or < 1 ? 25 : Math.Min(pageSize.Value, MaxPageSize);
        var number = page is null or < 1 ? 1 : page.Value;
        if (number > LastPage(size))
        {
            throw InputRejectedException.For("page", $"Page {number:N0} of {size} rows is past the last page there can be ({LastPage(size):N0}).");
        }
        return (number, size);
    }

    /// <summary>The largest page of <paramref name="pageSize"/> rows whose offset fits; pages from an address are clamped to it.</summary>
    public static int LastPage(int pageSize) => (int)Math.Min((long)int.MaxValue / Math.Max(pageSize, 1) + 1, int.MaxValue);

    /// <summary>The rows before the page, for Skip.</summary>
    public static int Offset(int page, int pageSize) => checked((page - 1) * pageSize);
}
