using System.Security.Claims;
using Portal.Domain.Inventory;
using Portal.Web.Auth;
using Portal.Web.Features.Shared;

namespace Portal.Web.Features.PointInTime;

/// <summary>What the model read endpoints answer when the request carries <c>asOf</c>.</summary>
public static class AsOfEndpoints
{
    public const string Description =
        " With asOf (ISO 8601, UTC unless an offset is given, not in the future) the answer is as recorded at that moment, reconstructed from the audit trail " +
        "and the stored history, citing the audit events it rests on.";

    /// <summary>The inventory as of a moment; search, team, riskTier and status filter on the values then, sorted by key.</summary>
    public static async Task<IResult> InventoryAsync(ClaimsPrincipal user, PointInTimeService service, string asOf, string? search,
        LifecycleStatus? status, RiskTier? riskTier, string? team, int? page, int? pageSize, string[] unsupported, CancellationToken cancellationToken)
    {
        if (unsupported.Length > 0)
        {
            throw InputRejectedException.For("asOf",
                $"With asOf the inventory filters by search, team, riskTier and status only (sorted by key); leave out {string.Join(", ", unsupported)}.");
        }
        var moment = service.ParseMoment(asOf);
        var size = pageSize is null or < 1 ? 25 : Math.Min(pageSize.Value, PointInTimeService.MaxPageSize);
        var number = page is null or < 1 ? 1 : page.Value;
        if (number > Paging.LastPage(size))
        {
            throw InputRejectedException.For("page", $"Page {number:N0} of {size} rows is past the last page there can be ({Paging.LastPage(size):N0}).");
        }
        var query = new InventoryAsOfQuery(search, team, riskTier, status, number, size);
        return Results.Ok(await service.InventoryAsOfAsync(user.ToActor(), moment, query, cancellationToken));
    }

    public static async Task<IResult> ModelAsync(ClaimsPrincipal user, PointInTimeService service, string key, string asOf, CancellationToken cancellationToken) =>
        Results.Ok(await service.ModelAsOfAsync(user.ToActor(), key, service.ParseMoment(asOf), cancellationToken));
}
