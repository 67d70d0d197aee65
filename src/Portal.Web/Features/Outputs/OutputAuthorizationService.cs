using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Access;
using Portal.Domain.Audit;
using Portal.Domain.Outputs;
using Portal.Domain.Teams;
using Portal.Web.Features.Shared;

namespace Portal.Web.Features.Outputs;

/// <summary>
/// Decides every read of an output (preview, download, rows, the external reference) with <see cref="OutputAuthorizer"/>,
/// loading only what the decision needs: the output, the reader's ownership of its model, the grants of that output the
/// reader could hold (by subject or team, through an index) and the teams involved; the policy comes from a cache. Records
/// each read, allowed or refused, in the access log and the audit trail.
/// </summary>
public sealed class OutputAuthorizationService(IDbContextFactory<PortalDbContext> dbFactory, OutputPolicyService policies, TimeProvider clock)
{
    public const string ReadAction = "Output.Read";

    /// <summary>The output (404 when there is none) and the decision for <paramref name="actor"/>; nothing is recorded.</summary>
    public async Task<(ModelOutput Output, string Team, OutputDecision Decision)> DecideAsync(Actor actor, int outputId, CancellationToken cancellationToken)
    {
        var policy = await policies.InForceAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = await FactsOf(db, actor, outputId).FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"No output has the id {outputId}.");
        var modelTeam = Team.Normalize(found.Team);
        // The team grants found are those of teams the reader is in; the model's team matters only where the policy lets it read.
        var teams = found.Grants.Where(g => g.GranteeKind == GranteeKind.Team).Select(g => g.Grantee).ToHashSet(StringComparer.Ordinal);
        if (policy.ReadersOf(found.Output.Classification).HasFlag(OutputAudience.Team) && await IsInTeamAsync(db, actor, modelTeam, cancellationToken))
        {
            teams.Add(modelTeam);
        }
        var reader = new OutputReader(actor.Id, actor.Roles, actor.IsServiceToken, found.IsOwner, teams.Contains(modelTeam), teams);
        return (found.Output, found.Team, OutputAuthorizer.Decide(policy, found.Output, found.Team, reader, found.Grants, clock.GetUtcNow().UtcDateTime));
    }

    /// <summary>
    /// Everything a decision needs but the model team's membership, in one query: the output, its model's team, whether the
    /// reader owns the model, and only the grants of this output the reader could hold (theirs by subject, through the
    /// (OutputId, Grantee) index, and those of the teams they are in: a person's by membership, a token's by its scope).
    /// </summary>
    internal static IQueryable<DecisionFacts> FactsOf(PortalDbContext db, Actor actor, int outputId)
    {
        var subject = actor.Id;
        var personal = actor.IsServiceToken ? GranteeKind.ServiceToken : GranteeKind.Person;
        var scope = actor.TokenTeams?.Select(Team.Normalize).ToList();
        var memberOf = scope is null
            ? db.Teams.Where(t => t.Members.Any(m => m.Subject == subject)).Select(t => t.NameNormalized)
            : db.Teams.Where(t => scope.Contains(t.NameNormalized)).Select(t => t.NameNormalized);
        return db.ModelOutputs.AsNoTracking().Where(o => o.Id == outputId).Select(o => new DecisionFacts(
            o,
            db.Models.Where(m => m.Id == o.ModelId).Select(m => m.Team).First(),
            db.OwnershipAssignments.Any(a => a.ModelId == o.ModelId && a.EndedAt == null && a.OwnerSubject == subject),
            db.OutputGrants.Where(g => g.OutputId == o.Id)
                .Where(g => (g.Grantee == subject && g.GranteeKind == personal) || (g.GranteeKind == GranteeKind.Team && memberOf.Contains(g.Grantee)))
                .ToList()));
    }

    internal sealed record DecisionFacts(ModelOutput Output, string Team, bool IsOwner, List<OutputGrant> Grants);

    /// <summary>Whether the actor is in the team: a token by its scope; a person by membership, asked of the database.</summary>
    private static async Task<bool> IsInTeamAsync(PortalDbContext db, Actor actor, string team, CancellationToken cancellationToken) =>
        actor.TokenTeams is { } scope
            ? scope.Any(name => Team.Normalize(name) == team)
            : await db.Teams.AnyAsync(t => t.NameNormalized == team && t.Members.Any(m => m.Subject == actor.Id), cancellationToken);

    /// <summary>Records one read in the access log and the audit trail (refusals as Access.Denied), in one save.</summary>
    public async Task RecordAsync(Actor actor, ModelOutput output, OutputReadChannel channel, OutputFormat? format, OutputDecision decision,
        long rows, bool completed, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var access = OutputAccess.Of(output, actor.Id, actor.Name, channel, format, decision, rows, completed, clock.GetUtcNow().UtcDateTime);
        db.OutputAccesses.Add(access);
        db.Record(new AuditEvent
        {
            ActorId = actor.Id,
            ActorName = actor.Name,
            Action = decision.Allowed ? ReadAction : AuditActions.AccessDenied,
            EntityType = "ModelOutput",
            EntityId = output.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ModelKey = output.ModelKey,
            After = JsonSerializer.Serialize(new
            {
                output = output.Name,
                channel = channel.ToString(),
                format = format?.ToString(),
                allowed = decision.Allowed,
                masked = decision.IsMasked,
                maskedColumns = decision.Masks.ToDictionary(m => m.Key, m => m.Value.ToString()),
                rowFilter = decision.RowFilter?.ToString(),
                rowsReturned = rows,
                completed,
                grant = decision.Grant?.Id,
                purpose = decision.Grant?.Purpose,
                basis = decision.Basis,
                policyVersion = decision.PolicyVersion,
                reason = decision.Refusal,
            }),
        });
        // The read already happened (or was refused); a caller who went away must not erase its record.
        await db.SaveChangesAsync(CancellationToken.None);
    }

    /// <summary>Decides, and for a refusal records it and throws the 403 with the sentence naming what is missing.</summary>
    public async Task<(ModelOutput Output, OutputDecision Decision)> EnsureAllowedAsync(Actor actor, int outputId, OutputReadChannel channel,
        OutputFormat? format, CancellationToken cancellationToken)
    {
        var (output, _, decision) = await DecideAsync(actor, outputId, cancellationToken);
        if (!decision.Allowed)
        {
            await RecordAsync(actor, output, channel, format, decision, 0, completed: true, cancellationToken);
            throw new AccessDeniedException(Permission.ReadOutputs, decision.Refusal!);
        }
        return (output, decision);
    }
}
