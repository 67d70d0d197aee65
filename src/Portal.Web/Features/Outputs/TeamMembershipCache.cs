using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Web.Features.Outputs;

/// <summary>
/// The teams each person is in, for read decisions, so a decision need not search every team's members. Entries hold the
/// teams' stamp they were read under; every decision reads the stamp afresh in its own query and uses the entry only when
/// it is unchanged. Teams are never deleted and every membership change raises a team's revision, so any change on any
/// instance changes the stamp, and the next decision anywhere reads memberships again (fail closed, no waiting for expiry).
/// </summary>
public sealed class TeamMembershipCache
{
    private const int MaxPeople = 10_000;
    private readonly ConcurrentDictionary<string, Memberships> people = new(StringComparer.Ordinal);

    /// <summary>Count of teams and sum of their revisions: grows with every team created and every membership changed.</summary>
    public readonly record struct Stamp(int Teams, long Revisions);

    public sealed record Memberships(List<string> Teams, Stamp Stamp);

    public Memberships? Find(string subject) => people.TryGetValue(subject, out var found) ? found : null;

    /// <summary>Reads the stamp first, then the teams: a change between the two leaves an entry older than the stamp it carries claims, never newer.</summary>
    public async Task<Memberships> LoadAsync(PortalDbContext db, string subject, CancellationToken cancellationToken)
    {
        var stamp = new Stamp(await db.Teams.CountAsync(cancellationToken), await db.Teams.SumAsync(t => (long)t.Revision, cancellationToken));
        var teams = await db.Teams.AsNoTracking().Where(t => t.Members.Any(m => m.Subject == subject)).Select(t => t.NameNormalized).ToListAsync(cancellationToken);
        var loaded = new Memberships(teams, stamp);
        if (people.Count >= MaxPeople)
        {
            people.Clear();
        }
        people[subject] = loaded;
        return loaded;
    }
}
