using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Access;
using Portal.Domain.Ownership;
using Portal.Domain.Teams;
using Portal.Web.Features.Notifications;

namespace Portal.Web.Features.Ownership;

/// <summary>One owner role that began or ended in a committed change.</summary>
public sealed record OwnerChange(string ModelKey, string Team, string Subject, string Name, OwnerRole Role, bool Ended);

/// <summary>
/// Tells the person whose owner role began or ended, and the managers of the model's team, after the change committed;
/// nobody is told of their own act. Links open the model's Ownership tab, where an owner acknowledges.
/// </summary>
public sealed class OwnershipNotifications(IDbContextFactory<PortalDbContext> dbFactory, NotificationService notifications)
{
    public const string Category = "Ownership";

    public static string Link(string modelKey) => $"/models/{Uri.EscapeDataString(modelKey)}?tab=ownership";

    public async Task OwnersChangedAsync(Actor actor, IReadOnlyCollection<OwnerChange> changes, string reason, CancellationToken cancellationToken)
    {
        if (changes.Count == 0)
        {
            return;
        }
        var managers = await ManagersAsync(changes.Select(c => c.Team), cancellationToken);
        foreach (var change in changes)
        {
            var role = change.Role == OwnerRole.Primary ? "primary owner" : "backup owner";
            var link = Link(change.ModelKey);
            var (mine, theirs) = change.Ended
                ? ($"You are no longer {role} of {change.ModelKey}", $"{change.Name} is no longer {role} of {change.ModelKey}")
                : ($"You are now {role} of {change.ModelKey}", $"{change.Name} is now {role} of {change.ModelKey}");
            var why = $"{actor.Name}: {reason}";
            if (change.Subject != actor.Id)
            {
                var body = change.Ended ? why : $"{why}. Please acknowledge your ownership on the model's Ownership tab.";
                await notifications.NotifyAsync([change.Subject], Category, mine, body, link, cancellationToken);
            }
            var told = managers.GetValueOrDefault(Team.Normalize(change.Team), []).Where(m => m != actor.Id && m != change.Subject).ToList();
            await notifications.NotifyAsync(told, Category, theirs, why, link, cancellationToken);
        }
    }

    private async Task<Dictionary<string, List<string>>> ManagersAsync(IEnumerable<string> teams, CancellationToken cancellationToken)
    {
        var names = teams.Select(Team.Normalize).Distinct().ToList();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return (await db.Teams.AsNoTracking().Where(t => names.Contains(t.NameNormalized)).ToListAsync(cancellationToken))
            .ToDictionary(t => t.NameNormalized, t => t.Members.Where(m => m.IsManager).Select(m => m.Subject).ToList());
    }
}
