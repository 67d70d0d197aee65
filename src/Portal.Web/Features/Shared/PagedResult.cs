namespace Portal.Web.Features.Shared;

/// <summary>A page of a list, as the API answers it: <c>{"items": [...], "totalCount": N}</c>.</summary>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int TotalCount);

public static class Paging
{
    public const int MaxPageSize = 200;

    public static (int Page, int PageSize) Normalize(int? page, int? pageSize)
    {
        var size = pageSize is null or < 1 ? 25 : Math.Min(pageSize.Value, MaxPageSize);
        return (page is null or < 1 ? 1 : page.Value, size);
    }
}
