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
        var found = await db.ModelOutputs.AsNoTracking().Where(o => o.Id == outputId)
            .Join(db.Models, o => o.ModelId, m => m.Id, (o, m) => new { Output = o, m.Team })
            .FirstOrDefaultAsync(cancellationToken) ?? throw new NotFoundException($"No output has the id {outputId}.");
        var output = found.Output;
        var modelTeam = Team.Normalize(found.Team);
        var teams = await TeamsOfAsync(db, actor, outputId, modelTeam, cancellationToken);
        var teamNames = teams.ToList();
        // Only the grants the reader could hold: theirs, and those of the teams they are in; never every grant of the output.
        var grants = await db.OutputGrants.AsNoTracking()
            .Where(g => g.OutputId == outputId && (g.Grantee == actor.Id || (g.GranteeKind == GranteeKind.Team && teamNames.Contains(g.Grantee))))
            .ToListAsync(cancellationToken);
        var isOwner = await db.OwnershipAssignments.AsNoTracking()
            .AnyAsync(a => a.ModelId == output.ModelId && a.EndedAt == null && a.OwnerSubject == actor.Id, cancellationToken);
        var reader = new OutputReader(actor.Id, actor.Roles, actor.IsServiceToken, isOwner, teams.Contains(modelTeam), teams);
        return (output, found.Team, OutputAuthorizer.Decide(policy, output, found.Team, reader, grants, clock.GetUtcNow().UtcDateTime));
    }

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

    /// <summary>
    /// The normalized names of the teams that matter to this read (the model's, and those holding a grant on the output)
    /// that the actor belongs to: a token by its scope; a person by membership, asked of the database, so that no team's
    /// member list is read into memory.
    /// </summary>
    private static async Task<IReadOnlySet<string>> TeamsOfAsync(PortalDbContext db, Actor actor, int outputId, string modelTeam,
        CancellationToken cancellationToken)
    {
        var granted = db.OutputGrants.Where(g => g.OutputId == outputId && g.GranteeKind == GranteeKind.Team).Select(g => g.Grantee);
        if (actor.TokenTeams is { } tokenTeams)
        {
            var scope = tokenTeams.Select(Team.Normalize).ToList();
            var held = await granted.Where(name => scope.Contains(name)).Distinct().ToListAsync(cancellationToken);
            return scope.Where(name => name == modelTeam || held.Contains(name)).ToHashSet(StringComparer.Ordinal);
        }
        var names = await db.Teams.AsNoTracking()
            .Where(t => (t.NameNormalized == modelTeam || granted.Contains(t.NameNormalized)) && t.Members.Any(m => m.Subject == actor.Id))
            .Select(t => t.NameNormalized).ToListAsync(cancellationToken);
        return names.ToHashSet(StringComparer.Ordinal);
    }
}
