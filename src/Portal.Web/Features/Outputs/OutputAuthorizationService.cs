using System.Linq.Expressions;
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
/// loading only what the decision needs in one query: the output, the reader's ownership of its model, the grants of that
/// output the reader could hold (by subject or team, through an index), and the stamps that validate the cached policy and
/// team memberships (grants are never cached, so a revocation applies to the next decision on every instance). Records
/// each read, allowed or refused, in the access log and the audit trail.
/// </summary>
public sealed class OutputAuthorizationService(IDbContextFactory<PortalDbContext> dbFactory, OutputPolicyService policies, TeamMembershipCache memberCache,
    TimeProvider clock)
{
    public const string ReadAction = "Output.Read";

    /// <summary>The output (404 when there is none) and the decision for <paramref name="actor"/>; nothing is recorded.</summary>
    public async Task<(ModelOutput Output, string Team, OutputDecision Decision)> DecideAsync(Actor actor, int outputId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (found, teams) = await FactsAsync(db, actor, outputId, cancellationToken);
        var policy = await policies.InForceAsync(found.PolicyVersion, cancellationToken);
        var modelTeam = Team.Normalize(found.Team);
        var reader = new OutputReader(actor.Id, actor.Roles, actor.IsServiceToken, found.IsOwner, teams.Contains(modelTeam), teams);
        return (found.Output, found.Team, OutputAuthorizer.Decide(policy, found.Output, found.Team, reader, found.Grants, clock.GetUtcNow().UtcDateTime));
    }

    /// <summary>
    /// The facts and the reader's teams: a token's by its scope; a person's from the membership cache, used only when the teams'
    /// stamp read in the same query as the grants is the one the cache holds, and otherwise read again before deciding.
    /// </summary>
    private async Task<(DecisionFacts Facts, HashSet<string> Teams)> FactsAsync(PortalDbContext db, Actor actor, int outputId,
        CancellationToken cancellationToken)
    {
        var memberships = actor.TokenTeams is { } scope
            ? new TeamMembershipCache.Memberships([.. scope.Select(Team.Normalize)], default)
            : memberCache.Find(actor.Id) ?? await memberCache.LoadAsync(db, actor.Id, cancellationToken);
        while (true)
        {
            var found = await FindFactsAsync(db, actor, outputId, memberships.Teams, cancellationToken)
                ?? throw new NotFoundException($"No output has the id {outputId}.");
            if (actor.IsServiceToken || found.TeamsStamp == memberships.Stamp)
            {
                return (found, memberships.Teams.ToHashSet(StringComparer.Ordinal));
            }
            memberships = await memberCache.LoadAsync(db, actor.Id, cancellationToken);
        }
    }

    /// <summary>
    /// Everything a decision needs, in one query: the output, its model's team, whether the reader owns the model, only the
    /// grants of this output the reader could hold (theirs by subject, through the (OutputId, Grantee) index, and those of
    /// the reader's teams), the newest output policy version and the teams' stamp (which validate the cached policy and
    /// memberships the decision uses).
    /// </summary>
    private static readonly Expression<Func<PortalDbContext, string, GranteeKind, int, List<string>, IQueryable<DecisionFacts>>> FactsQuery =
        (db, subject, personal, outputId, teams) => db.ModelOutputs.AsNoTracking().Where(o => o.Id == outputId).Select(o => new DecisionFacts(
            o,
            db.Models.Where(m => m.Id == o.ModelId).Select(m => m.Team).First(),
            db.OwnershipAssignments.Any(a => a.ModelId == o.ModelId && a.EndedAt == null && a.OwnerSubject == subject),
            db.OutputGrants.Where(g => g.OutputId == o.Id)
                .Where(g => (g.Grantee == subject && g.GranteeKind == personal) || (g.GranteeKind == GranteeKind.Team && teams.Contains(g.Grantee)))
                .ToList(),
            // Each refers to o only so that it stays a subquery of this one query: uncorrelated, EF would run it as a query of its own first.
            db.OutputPolicies.Where(p => o.Id == outputId).Max(p => (int?)p.Version) ?? 0,
            new TeamMembershipCache.Stamp(db.Teams.Count(t => o.Id == outputId), db.Teams.Where(t => o.Id == outputId).Sum(t => (long)t.Revision))));

    /// <summary>
    /// <see cref="FactsQuery"/> compiled: translating it for every decision, or even finding it in EF's query cache (which hashes
    /// the whole expression), cost a good part of a decision.
    /// </summary>
    private static readonly CompiledPerModel<Func<PortalDbContext, string, GranteeKind, int, List<string>, IAsyncEnumerable<DecisionFacts>>> Compiled =
        new(() => EF.CompileAsyncQuery(FactsQuery));

    private static async Task<DecisionFacts?> FindFactsAsync(PortalDbContext db, Actor actor, int outputId, List<string> teams,
        CancellationToken cancellationToken)
    {
        var query = Compiled.For(db);
        await foreach (var facts in query(db, actor.Id, PersonalKind(actor), outputId, teams).WithCancellation(cancellationToken))
        {
            return facts;
        }
        return null;
    }

    /// <summary>The decision's query as SQL is made of it (for the query's snapshot).</summary>
    internal static IQueryable<DecisionFacts> FactsOf(PortalDbContext db, Actor actor, int outputId, List<string> teams) =>
        FactsQuery.Compile()(db, actor.Id, PersonalKind(actor), outputId, teams);

    private static GranteeKind PersonalKind(Actor actor) => actor.IsServiceToken ? GranteeKind.ServiceToken : GranteeKind.Person;

    internal sealed record DecisionFacts(ModelOutput Output, string Team, bool IsOwner, List<OutputGrant> Grants, int PolicyVersion,
        TeamMembershipCache.Stamp TeamsStamp);

    /// <summary>
    /// Records one read in the access log and the audit trail (refusals as Access.Denied), in one save; the audit says whether the
    /// bytes came from a stored masked copy.
    /// </summary>
    public async Task RecordAsync(Actor actor, ModelOutput output, OutputReadChannel channel, OutputFormat? format, OutputDecision decision,
        long rows, bool completed, CancellationToken cancellationToken, bool fromStoredCopy = false)
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
                storedMaskedCopy = fromStoredCopy,
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
