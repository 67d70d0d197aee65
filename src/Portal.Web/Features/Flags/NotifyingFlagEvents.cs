using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Flags;
using Portal.Domain.Teams;
using Portal.Web.Features.Notifications;

namespace Portal.Web.Features.Flags;

/// <summary>
/// Tells who must act about the flags a scan raised: one in-app notification per person per scan, listing their
/// flagged models (the daily e-mail digest then carries it), never one message per flag.
/// </summary>
public sealed class NotifyingFlagEvents(IDbContextFactory<PortalDbContext> dbFactory, NotificationService notifications) : IFlagEvents
{
    private const int ListedModels = 5;

    public async Task FlagsChangedAsync(FlagChanges changes, CancellationToken cancellationToken)
    {
        if (changes.Raised.Count == 0)
        {
            return;
        }
        var recipients = await RecipientsAsync(changes.Raised, cancellationToken);
        await notifications.NotifyEachAsync("Flags", "/attention", [.. recipients.Select(r => Note(r.Key, r.Value))], cancellationToken);
    }

    private static PersonalNote Note(string person, List<FlagChange> flags)
    {
        var listed = string.Join("; ", flags.Take(ListedModels).Select(f => $"{f.ModelKey}: {f.Rule}"));
        var more = flags.Count > ListedModels ? $" and {flags.Count - ListedModels} more" : "";
        var title = flags.Count == 1 ? $"{flags[0].ModelKey} needs your attention" : $"{flags.Count} models need your attention";
        return new PersonalNote(person, title, $"New flags: {listed}{more}.");
    }

    /// <summary>Who acts on each raised flag: the model's active owners, or its team's managers for ownership flags.</summary>
    private async Task<Dictionary<string, List<FlagChange>>> RecipientsAsync(IReadOnlyList<FlagChange> raised, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var modelIds = raised.Select(f => f.ModelId).Distinct().ToList();
        // One JSON parameter: as one parameter per id (EF Core's default), SQLite binds each by looking its name up among all the
        // others, which for a first scan's tens of thousands of models takes seconds.
        var owners = (await db.OwnershipAssignments.AsNoTracking().Where(a => a.EndedAt == null && EF.Parameter(modelIds).Contains(a.ModelId))
            .Select(a => new { a.ModelId, a.OwnerSubject }).ToListAsync(cancellationToken)).ToLookup(a => a.ModelId, a => a.OwnerSubject);
        var managers = (await db.Teams.AsNoTracking().ToListAsync(cancellationToken))
            .ToDictionary(t => t.NameNormalized, t => t.Members.Where(m => m.IsManager).Select(m => m.Subject).ToList());
        var byPerson = new Dictionary<string, List<FlagChange>>(StringComparer.Ordinal);
        foreach (var flag in raised)
        {
            var people = flag.WhoActs == FlagActors.TeamManagers
                ? managers.GetValueOrDefault(Team.Normalize(flag.Team)) ?? []
                : [.. owners[flag.ModelId]];
            foreach (var person in people)
            {
                (byPerson.TryGetValue(person, out var list) ? list : byPerson[person] = []).Add(flag);
            }
        }
        return byPerson;
    }
}
