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

    public static (int Page, int PageSize) Normalize(int? page, int? pageSize)
    {
        var size = pageSize is null or < 1 ? 25 : Math.Min(pageSize.Value, MaxPageSize);
        return (page is null or < 1 ? 1 : page.Value, size);
    }
}
