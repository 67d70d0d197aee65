using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Directory;
using Portal.Domain.Ownership;
using Portal.Web.Features.Shared;

namespace Portal.Web.Features.Ownership;

/// <summary>Looks people up in the user directory, so that only people the portal knows (and who are still here) become owners.</summary>
public sealed class PeopleDirectory(IDbContextFactory<PortalDbContext> dbFactory)
{
    private const int PickerLimit = 20;

    /// <summary>People whose name, e-mail or subject contains <paramref name="text"/>; only active ones unless asked.</summary>
    public async Task<IReadOnlyList<PersonOption>> SearchAsync(string? text, bool activeOnly, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // A person provisioned over SCIM without their sign-in subject is not reachable until their first sign-in links it.
        var users = db.Users.AsNoTracking().Where(u => (!activeOnly || u.IsActive) && !u.Subject.StartsWith(UserAccount.PendingSubjectPrefix));
        if (!string.IsNullOrWhiteSpace(text))
        {
            var pattern = $"%{LikePattern.Escape(text.Trim())}%";
            users = users.Where(u => EF.Functions.Like(u.Name, pattern, LikePattern.EscapeCharacter)
                || EF.Functions.Like(u.Subject, pattern, LikePattern.EscapeCharacter)
                || (u.Email != null && EF.Functions.Like(u.Email, pattern, LikePattern.EscapeCharacter)));
        }
        return await users.OrderBy(u => u.Name).Take(PickerLimit)
            .Select(u => new PersonOption(u.Subject, u.Name, u.Email, u.IsActive))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The directory's entry for <paramref name="subject"/>, or null when the portal has never seen them.</summary>
    public static async Task<OwnerCandidate?> FindAsync(PortalDbContext db, string? subject, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(subject))
        {
            return null;
        }
        var trimmed = subject.Trim();
        if (trimmed.StartsWith(UserAccount.PendingSubjectPrefix, StringComparison.Ordinal))
        {
            return null;
        }
        return await db.Users.AsNoTracking().Where(u => u.Subject == trimmed)
            .Select(u => new OwnerCandidate(u.Subject, u.Name, u.IsActive))
            .SingleOrDefaultAsync(cancellationToken);
    }
}
