using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Access;
using Portal.Domain.Teams;
using Portal.Web.Features.Shared;

namespace Portal.Web.Features.Ownership;

/// <summary>Teams and their people. Everyone may read them; only an Admin creates teams and changes who is in them.</summary>
public sealed class TeamService(IDbContextFactory<PortalDbContext> dbFactory, AccessGuard guard)
{
    public async Task<IReadOnlyList<TeamView>> ListAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, Permission.ReadModels, "teams", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var teams = await db.Teams.AsNoTracking().ToListAsync(cancellationToken);
        return [.. teams.OrderBy(t => t.Name, StringComparer.OrdinalIgnoreCase).Select(TeamView.From)];
    }

    /// <summary>The teams <paramref name="actor"/> manages.</summary>
    public async Task<IReadOnlyList<TeamView>> ManagedByAsync(Actor actor, CancellationToken cancellationToken = default) =>
        [.. (await ListAsync(actor, cancellationToken)).Where(t => t.Managers.Any(m => m.Subject == actor.Id))];

    public async Task<TeamView> GetAsync(Actor actor, string name, CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, Permission.ReadModels, $"team {name}", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return TeamView.From(await FindAsync(db.Teams.AsNoTracking(), name, cancellationToken));
    }

    public async Task<TeamView> CreateAsync(Actor actor, string? name, string? description, CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, Permission.ManageTeams, $"team {name}", cancellationToken);
        Reject(TeamRules.Validate(name, description));
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var normalized = Team.Normalize(name!);
        if (await db.Teams.AnyAsync(t => t.NameNormalized == normalized, cancellationToken))
        {
            throw DuplicateName(name!);
        }
        var team = Team.Create(name!, description);
        db.Teams.Add(team);
        db.Actor = actor;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Someone may have created the same name between our check and our insert.
            await using var check = await dbFactory.CreateDbContextAsync(cancellationToken);
            if (await check.Teams.AnyAsync(t => t.NameNormalized == normalized, cancellationToken))
            {
                throw DuplicateName(name!);
            }
            throw;
        }
        return TeamView.From(team);
    }

    /// <summary>Adds a person to a team or changes whether they manage it. They must be active in the user directory.</summary>
    public async Task<TeamView> SetMemberAsync(Actor actor, string name, string subject, bool isManager, int expectedRevision,
        CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, Permission.ManageTeams, $"team {name}", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var person = await PeopleDirectory.FindAsync(db, subject, cancellationToken);
        if (person is null)
        {
            throw InputRejectedException.For("subject", $"No one with the subject '{subject}' is in the user directory; a person appears there after signing in once.");
        }
        if (!person.IsActive)
        {
            throw InputRejectedException.For("subject", $"{person.Name} is deactivated in the user directory and cannot join a team.");
        }
        return await ChangeAsync(db, actor, name, expectedRevision, team => team.SetMember(person.Subject, person.Name, isManager), cancellationToken);
    }

    public async Task<TeamView> RemoveMemberAsync(Actor actor, string name, string subject, int expectedRevision,
        CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, Permission.ManageTeams, $"team {name}", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await ChangeAsync(db, actor, name, expectedRevision, team =>
        {
            if (!team.IsMember(subject))
            {
                throw new NotFoundException($"'{subject}' is not a member of {team.Name}.");
            }
            team.RemoveMember(subject);
        }, cancellationToken);
    }

    private static async Task<TeamView> ChangeAsync(PortalDbContext db, Actor actor, string name, int expectedRevision, Action<Team> change,
        CancellationToken cancellationToken)
    {
        var team = await FindAsync(db.Teams, name, cancellationToken);
        var read = team.Revision;
        await RevisionedChange.ApplyAsync(db, actor, team, read != expectedRevision, change,
            async () => StaleEdit(read != expectedRevision ? team : await FindAsync(db.Teams.AsNoTracking(), name, cancellationToken)),
            cancellationToken);
        return TeamView.From(team);
    }

    private static async Task<Team> FindAsync(IQueryable<Team> teams, string name, CancellationToken cancellationToken)
    {
        var normalized = Team.Normalize(name ?? "");
        return await teams.SingleOrDefaultAsync(t => t.NameNormalized == normalized, cancellationToken)
            ?? throw new NotFoundException($"No team is named '{name}'.");
    }

    private static ConflictException StaleEdit(Team current) => new(
        $"Team {current.Name} was changed by someone else since you opened it (now at revision {current.Revision}). Reload it, then make your change again.");

    private static InputRejectedException DuplicateName(string name) =>
        InputRejectedException.For("name", $"A team named '{name.Trim()}' already exists (names are unique regardless of case).");

    private static void Reject(Dictionary<string, string[]> errors)
    {
        if (errors.Count > 0)
        {
            throw new InputRejectedException(errors);
        }
    }
}
