using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Access;
using Portal.Domain.Audit;
using Portal.Domain.Inventory;
using Portal.Domain.PointInTime;
using Portal.Web.Features.Shared;

namespace Portal.Web.Features.PointInTime;

/// <summary>
/// Answers "as of" questions: one model, or the inventory, as the portal recorded them at a past moment, reconstructed from
/// the audit trail and the stored history. Anyone who reads models asks; a service token sees only the models of the teams it
/// is scoped to (by the model's team at the moment), an unscoped one none unless it is an Admin's.
/// </summary>
public sealed class PointInTimeService(IDbContextFactory<PortalDbContext> dbFactory, AccessGuard guard, AuditRecorder audit, TimeProvider clock)
{
    /// <summary>The most rows one page of the inventory as of a moment may ask for (the API's limit; a page is folded from the whole inventory anyway).</summary>
    public const int MaxPageSize = 5000;

    /// <summary>The moment in a question: an ISO 8601 text, not in the future; a 400 with an example otherwise.</summary>
    public DateTime ParseMoment(string? asOf)
    {
        var (moment, problem) = AsOfMoment.Parse(asOf, clock.GetUtcNow().UtcDateTime);
        return moment ?? throw InputRejectedException.For("asOf", problem!);
    }

    public async Task<ModelAsOf> ModelAsOfAsync(Actor actor, string key, DateTime asOf, CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, Permission.ReadModels, $"model {key} as of {asOf:u}", cancellationToken);
        EnsurePast(asOf);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var normalized = ModelRules.NormalizeKey(key ?? "");
        var model = await db.Models.AsNoTracking().Where(m => m.KeyNormalized == normalized)
            .Select(m => new { m.Id, m.Key, m.RegisteredAt }).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"No model has the key '{key}'.");
        var through = await TrailCutoff.ThroughAsync(db, asOf, cancellationToken);
        var answer = through is null ? null : await ModelHistoryReader.AnswerAsync(db, model.Id, model.Key, asOf, through.Value, cancellationToken);
        if (answer is null)
        {
            throw new NotFoundException($"Model {model.Key} did not exist yet on {asOf:yyyy-MM-dd HH:mm:ss} UTC; it was registered on {model.RegisteredAt:yyyy-MM-dd HH:mm:ss} UTC.");
        }
        if (!MaySee(actor, answer.Team))
        {
            await RefuseAsync(actor, answer.Key, answer.Team, cancellationToken);
        }
        return answer;
    }

    public async Task<InventoryAsOf> InventoryAsOfAsync(Actor actor, DateTime asOf, InventoryAsOfQuery query, CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, Permission.ReadModels, $"model inventory as of {asOf:u}", cancellationToken);
        EnsurePast(asOf);
        Reject(query.Problems());
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var through = await TrailCutoff.ThroughAsync(db, asOf, cancellationToken);
        if (through is null)
        {
            return new InventoryAsOf(asOf, null, [], 0);
        }
        var states = await InventoryFold.StatesAsync(db, asOf, through.Value, cancellationToken);
        var visible = states.Where(s => MaySee(actor, s.Attributes.Team) && query.Matches(s.Attributes)).ToList();
        visible.Sort((a, b) => StringComparer.OrdinalIgnoreCase.Compare(a.Attributes.Key, b.Attributes.Key));
        var page = visible.Skip(Paging.Offset(query.Page, query.PageSize)).Take(query.PageSize).ToList();
        var facts = await InventoryFactsReader.ReadAsync(db, asOf, page, cancellationToken);
        return new InventoryAsOf(asOf, through, [.. page.Select(s => InventoryRows.Row(s.Attributes, s.Stages, facts(s.ModelId)))], visible.Count);
    }

    /// <summary>A person who reads models sees every model; a service token only those of its teams, or all when it is an Admin's.</summary>
    private static bool MaySee(Actor actor, string team) =>
        actor.TokenTeams is not { } teams || actor.Roles.Contains(PortalRoles.Admin)
        || teams.Any(t => Domain.Teams.Team.Normalize(t) == Domain.Teams.Team.Normalize(team));

    private async Task RefuseAsync(Actor actor, string key, string team, CancellationToken cancellationToken)
    {
        var scope = actor.TokenTeams is { Count: > 0 } teams ? "team(s) " + string.Join(", ", teams.Order(StringComparer.Ordinal)) : "no team";
        var reason = $"Reading {key} as of a past moment needs a token scoped to its team ({team} then); this service token is scoped to {scope}.";
        await audit.RecordAsync(actor, AuditActions.AccessDenied, "Model", key, new { target = $"model {key} as of", reason }, key, cancellationToken);
        throw new AccessDeniedException(Permission.ReadModels, reason);
    }

    private void EnsurePast(DateTime asOf)
    {
        if (asOf > clock.GetUtcNow().UtcDateTime)
        {
            throw InputRejectedException.For("asOf", $"asOf {asOf:yyyy-MM-dd HH:mm:ss} UTC is in the future; the portal answers only for moments that have passed.");
        }
    }

    private static void Reject(IReadOnlyDictionary<string, string[]> problems)
    {
        if (problems.Count > 0)
        {
            throw new InputRejectedException(problems);
        }
    }
}
