using System.Security.Claims;
using Portal.Web.Auth;
using Portal.Web.Features.Shared;

namespace Portal.Web.Features.Flags;

public static class FlagEndpoints
{
    public static void MapFlagRoutes(this RouteGroupBuilder api)
    {
        var flags = api.MapGroup("/flags").WithTags("Flags");
        flags.MapGet("/", ListAsync).WithName("ListFlags")
            .WithSummary("List flags, newest first, paged; filter by rule, model key, team and status (open, resolved, all; open by default).")
            .Produces<PagedResult<FlagView>>();
        flags.MapPost("/{id:int}/acknowledge", AcknowledgeAsync).WithName("AcknowledgeFlag")
            .WithSummary("Acknowledge a flag: those who must act, the team's managers, compliance reviewers and Admins.")
            .Produces<FlagView>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        flags.MapPost("/{id:int}/snooze", SnoozeAsync).WithName("SnoozeFlag")
            .WithSummary("Snooze a flag with a reason until a date (future, at most 90 days); a snoozed flag still blocks releases.")
            .Produces<FlagView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        flags.MapGet("/rules", RulesAsync).WithName("ListFlagRules").WithSummary("The flag rules with their effective settings and thresholds.");
        flags.MapPut("/rules/{rule}", UpdateRuleAsync).WithName("UpdateFlagRule")
            .WithSummary("Admin: turn a rule on or off, set its severity, whether it blocks releases, and its thresholds in days.")
            .Produces<RuleView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        flags.MapPost("/scan", ScanAsync).WithName("RunFlagScan")
            .WithSummary("Admin: run a full scan now (waits for a scan in progress elsewhere) and return what it changed.")
            .Produces<FlagScanSummary>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> ListAsync(ClaimsPrincipal user, FlagService service, string? rule, string? model, string? team, string? status,
        int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var parsed = FlagStatus.Open;
        if (!string.IsNullOrWhiteSpace(status) && (!Enum.TryParse(status.Trim(), ignoreCase: true, out parsed) || int.TryParse(status, out _)))
        {
            throw InputRejectedException.For("status", $"'{status}' is not valid; use one of {string.Join(", ", Enum.GetNames<FlagStatus>())}.");
        }
        var (p, size) = Paging.Normalize(page, pageSize);
        return Results.Ok(await service.ListAsync(user.ToActor(), new FlagQuery(rule, model, team, parsed, p, size), cancellationToken));
    }

    private static Task<FlagView> AcknowledgeAsync(int id, ClaimsPrincipal user, FlagService service, CancellationToken cancellationToken) =>
        service.AcknowledgeAsync(user.ToActor(), id, cancellationToken);

    private static Task<FlagView> SnoozeAsync(int id, SnoozeFlagRequest request, ClaimsPrincipal user, FlagService service, CancellationToken cancellationToken) =>
        service.SnoozeAsync(user.ToActor(), id, request.Reason, request.Until, cancellationToken);

    private static Task<IReadOnlyList<RuleView>> RulesAsync(ClaimsPrincipal user, FlagService service, CancellationToken cancellationToken) =>
        service.RulesAsync(user.ToActor(), cancellationToken);

    private static Task<RuleView> UpdateRuleAsync(string rule, RuleSettingsRequest request, ClaimsPrincipal user, FlagService service,
        CancellationToken cancellationToken) =>
        service.UpdateRuleAsync(user.ToActor(), rule, request, cancellationToken);

    private static Task<FlagScanSummary> ScanAsync(ClaimsPrincipal user, FlagService service, CancellationToken cancellationToken) =>
        service.ScanNowAsync(user.ToActor(), cancellationToken);
}
